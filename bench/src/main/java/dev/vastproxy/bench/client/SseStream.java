package dev.vastproxy.bench.client;

import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One streamed request on its own connection: sends the request, parses the status line, headers
 * and (chunked or sized) body, splits it into SSE events and times each one. Runs on the client's
 * one thread.
 */
final class SseStream implements ChunkedDecoder.Sink {
  private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DONE_EVENT = "data: [DONE]".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] T = "\"t\":".getBytes(StandardCharsets.US_ASCII);

  private final SocketChannel channel;
  private final ByteBuffer request;
  private final StreamRecorder recorder;
  private final long startNanos;
  private byte[] head = new byte[512];
  private int headLength;
  private boolean headersDone;
  private int status;
  private ChunkedDecoder chunks;
  private long contentLength = -1;
  private byte[] event;
  private int eventLength;
  private final StreamDigest.Builder digest = new StreamDigest.Builder();
  private int tokenEvents;
  private boolean sawData;
  private boolean sawDone;
  private long lastArrival;
  private long now;
  private boolean finished;
  private boolean active;

  SseStream(SocketChannel channel, byte[] request, StreamRecorder recorder, long startNanos) {
    this.channel = channel;
    this.request = ByteBuffer.wrap(request);
    this.recorder = recorder;
    this.startNanos = startNanos;
  }

  SocketChannel channel() {
    return channel;
  }

  /** Whether the request bytes still wait to be written. */
  ByteBuffer request() {
    return request;
  }

  boolean headersDone() {
    return headersDone;
  }

  boolean finished() {
    return finished;
  }

  /** Marks the stream as counted among the active ones; false when it already was. */
  boolean markActive() {
    if (active) {
      return false;
    }
    active = true;
    return true;
  }

  /** Whether it was counted among the active streams. */
  boolean wasActive() {
    return active;
  }

  /** Token events received so far. */
  int tokenEvents() {
    return tokenEvents;
  }

  /** Takes bytes read at {@code arrival}; true when the stream ended (cleanly or not) with them. */
  boolean received(byte[] bytes, int offset, int length, long arrival) {
    now = arrival;
    try {
      int used = 0;
      if (!headersDone) {
        used = head(bytes, offset, length);
        if (!headersDone || finished) {
          return finished;
        }
      }
      body(bytes, offset + used, length - used);
    } catch (IllegalStateException e) {
      fail("broken response: " + e.getMessage());
    }
    return finished;
  }

  /** The connection reached end-of-stream. */
  void endOfInput() {
    if (finished) {
      return;
    }
    if (headersDone && chunks == null && contentLength < 0) {
      end();
    } else {
      fail("connection closed before the end of the response");
    }
  }

  /** Ends the stream as failed. */
  void fail(String why) {
    if (!finished) {
      finished = true;
      recorder.failed(why);
    }
  }

  private int head(byte[] bytes, int offset, int length) {
    int used = 0;
    while (used < length) {
      if (headLength == head.length) {
        if (head.length >= 64 * 1024) {
          fail("response headers over 64 KiB");
          return used;
        }
        head = Arrays.copyOf(head, head.length * 2);
      }
      head[headLength++] = bytes[offset + used++];
      if (headLength >= 4
          && head[headLength - 1] == '\n'
          && head[headLength - 2] == '\r'
          && head[headLength - 3] == '\n'
          && head[headLength - 4] == '\r') {
        headers();
        return used;
      }
    }
    return used;
  }

  private void headers() {
    headersDone = true;
    String text = new String(head, 0, headLength, StandardCharsets.ISO_8859_1);
    head = null;
    String[] lines = text.split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
      fail("not an HTTP/1.x response: " + lines[0]);
      return;
    }
    status = Integer.parseInt(statusLine[1]);
    if (status != 200) {
      fail("HTTP " + status);
      return;
    }
    recorder.ttfb(now - startNanos);
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = lines[i].substring(0, colon).trim();
      String value = lines[i].substring(colon + 1).trim();
      if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
        chunks = new ChunkedDecoder();
      } else if (name.equalsIgnoreCase("Content-Length")) {
        contentLength = Long.parseLong(value);
      }
    }
    if (chunks != null) {
      contentLength = -1;
    }
  }

  private void body(byte[] bytes, int offset, int length) {
    if (length == 0 || finished) {
      if (contentLength == 0 && !finished) {
        end();
      }
      return;
    }
    if (chunks != null) {
      if (chunks.feed(bytes, offset, length, this)) {
        end();
      }
    } else if (contentLength >= 0) {
      int take = (int) Math.min(contentLength, length);
      data(bytes, offset, take);
      contentLength -= take;
      if (contentLength == 0) {
        end();
      }
    } else {
      data(bytes, offset, length);
    }
  }

  @Override
  public void data(byte[] bytes, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      if (event == null) {
        event = new byte[256];
      } else if (eventLength == event.length) {
        event = Arrays.copyOf(event, event.length * 2);
      }
      byte b = bytes[i];
      event[eventLength++] = b;
      if (b == '\n' && eventLength >= 2 && event[eventLength - 2] == '\n') {
        event();
        eventLength = 0;
      }
    }
  }

  private void event() {
    digest.event(event, eventLength);
    if (!startsWith(DATA)) {
      return;
    }
    if (!sawData) {
      sawData = true;
      recorder.ttft(now - startNanos);
    }
    if (startsWith(DONE_EVENT)) {
      sawDone = true;
      return;
    }
    int at = indexOf(T);
    if (at < 0) {
      return;
    }
    long sent = 0;
    boolean digits = false;
    for (int i = at + T.length; i < eventLength && event[i] >= '0' && event[i] <= '9'; i++) {
      sent = sent * 10 + (event[i] - '0');
      digits = true;
    }
    if (!digits) {
      return;
    }
    tokenEvents++;
    recorder.delivery(now - sent);
    if (lastArrival != 0) {
      recorder.gap(now - lastArrival);
    }
    lastArrival = now;
  }

  private void end() {
    if (finished) {
      return;
    }
    finished = true;
    if (eventLength > 0) {
      recorder.failed("body ended inside an event");
      return;
    }
    recorder.ended(tokenEvents, sawDone, digest.build());
  }

  private boolean startsWith(byte[] prefix) {
    if (eventLength < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (event[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private int indexOf(byte[] pattern) {
    outer:
    for (int i = 0; i + pattern.length <= eventLength; i++) {
      for (int k = 0; k < pattern.length; k++) {
        if (event[i + k] != pattern[k]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
