package dev.vastproxy.bench.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A non-blocking streaming load client on one thread (java.nio): opens every stream on its own
 * connection, spread over a ramp, and times each SSE event's arrival against the send time the
 * backend wrote into it. Thousands of streams cost one thread and a few hundred bytes each. Only
 * loopback targets are accepted.
 */
public final class SseLoadClient {
  private static final int READ_BUFFER = 64 * 1024;

  private final List<InetSocketAddress> targets;
  private final SseWorkload workload;
  private final Optional<StreamDigest> expected;
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicInteger ended = new AtomicInteger();
  private volatile Optional<StreamDigest> firstClean = Optional.empty();

  /**
   * @param targets where to send the streams, in turn (stream i goes to target i mod size)
   * @param expected the digest every stream must match, if known
   * @throws IllegalArgumentException when a target is not loopback
   */
  public SseLoadClient(
      List<InetSocketAddress> targets, SseWorkload workload, Optional<StreamDigest> expected) {
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("no target");
    }
    for (InetSocketAddress target : targets) {
      if (target.getAddress() == null || !target.getAddress().isLoopbackAddress()) {
        throw new IllegalArgumentException("refusing " + target + ": only loopback may be loaded");
      }
    }
    this.targets = List.copyOf(targets);
    this.workload = Objects.requireNonNull(workload, "workload");
    this.expected = Objects.requireNonNull(expected, "expected");
  }

  /** Streams whose headers arrived and that have not ended yet (readable from any thread). */
  public int active() {
    return active.get();
  }

  /** Streams that ended, however (readable from any thread). */
  public int ended() {
    return ended.get();
  }

  /** After a run: the digest of its first stream that came through whole. */
  Optional<StreamDigest> firstClean() {
    return firstClean;
  }

  /** Runs the workload on the calling thread and reports what it measured. */
  public SseRunResult run() throws IOException {
    StreamRecorder recorder = new StreamRecorder(workload.streams(), workload.events(), expected);
    Map<InetSocketAddress, byte[]> requests = new HashMap<>();
    for (InetSocketAddress target : targets) {
      requests.put(
          target, workload.request(target.getAddress().getHostAddress() + ":" + target.getPort()));
    }
    int total = workload.streams();
    long rampNanos = workload.ramp().toNanos();
    long start = System.nanoTime();
    long deadline = start + rampNanos + workload.timeout().toNanos();
    List<SseStream> open = new ArrayList<>();
    long events = 0;
    ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER);
    try (Selector selector = Selector.open()) {
      int opened = 0;
      while (ended.get() < total) {
        long now = System.nanoTime();
        while (opened < total && now - start >= rampNanos * opened / total) {
          InetSocketAddress target = targets.get(opened % targets.size());
          SseStream stream = open(selector, target, requests.get(target), recorder);
          if (stream.finished()) {
            ended.incrementAndGet();
          } else {
            open.add(stream);
          }
          opened++;
        }
        if (now - deadline >= 0) {
          break;
        }
        long until = opened < total ? start + rampNanos * opened / total : deadline;
        long waitMillis = Math.min(100, Math.max(0, (until - now + 999_999) / 1_000_000));
        if (waitMillis == 0) {
          selector.selectNow();
        } else {
          selector.select(waitMillis);
        }
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          SseStream stream = (SseStream) key.attachment();
          int before = stream.tokenEvents();
          handle(key, stream, buffer);
          events += stream.tokenEvents() - before;
          if (stream.finished()) {
            close(key, stream);
          }
        }
      }
      for (SseStream stream : open) {
        if (!stream.finished()) {
          stream.fail("timed out after " + workload.timeout().toSeconds() + " s");
          close(stream.channel().keyFor(selector), stream);
        }
      }
      for (int i = opened; i < total; i++) {
        recorder.failed("never started");
      }
    }
    firstClean = recorder.firstClean();
    return recorder.result(events, Duration.ofNanos(System.nanoTime() - start));
  }

  private SseStream open(
      Selector selector, InetSocketAddress target, byte[] request, StreamRecorder recorder)
      throws IOException {
    SocketChannel channel = SocketChannel.open();
    SseStream stream = new SseStream(channel, request, recorder, System.nanoTime());
    try {
      channel.configureBlocking(false);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      if (channel.connect(target)) {
        channel.register(selector, SelectionKey.OP_WRITE, stream);
      } else {
        channel.register(selector, SelectionKey.OP_CONNECT, stream);
      }
    } catch (IOException e) {
      stream.fail("connect: " + e);
      closeQuietly(channel);
    }
    return stream;
  }

  private void handle(SelectionKey key, SseStream stream, ByteBuffer buffer) {
    SocketChannel channel = stream.channel();
    try {
      if (key.isConnectable()) {
        channel.finishConnect();
        key.interestOps(SelectionKey.OP_WRITE);
      }
      if (key.isValid() && key.isWritable()) {
        channel.write(stream.request());
        if (!stream.request().hasRemaining()) {
          key.interestOps(SelectionKey.OP_READ);
        }
      }
      if (key.isValid() && key.isReadable()) {
        read(channel, stream, buffer);
      }
    } catch (IOException e) {
      stream.fail(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private void read(SocketChannel channel, SseStream stream, ByteBuffer buffer) throws IOException {
    while (!stream.finished()) {
      buffer.clear();
      int read = channel.read(buffer);
      long arrival = System.nanoTime();
      if (read < 0) {
        stream.endOfInput();
        return;
      }
      if (read == 0) {
        return;
      }
      stream.received(buffer.array(), 0, read, arrival);
      if (stream.headersDone() && stream.markActive()) {
        active.incrementAndGet();
      }
    }
  }

  private void close(SelectionKey key, SseStream stream) {
    if (key != null) {
      key.cancel();
    }
    closeQuietly(stream.channel());
    if (stream.wasActive()) {
      active.decrementAndGet();
    }
    ended.incrementAndGet();
  }

  private static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // closing a loopback socket that already failed
    }
  }
}
