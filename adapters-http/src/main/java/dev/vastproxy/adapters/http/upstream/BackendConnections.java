package dev.vastproxy.adapters.http.upstream;

import dev.vastproxy.domain.endpoint.Endpoint;
import dev.vastproxy.domain.endpoint.Scheme;
import dev.vastproxy.domain.instance.InstanceId;
import io.undertow.UndertowOptions;
import io.undertow.client.ClientCallback;
import io.undertow.client.ClientConnection;
import io.undertow.client.UndertowClient;
import io.undertow.connector.ByteBufferPool;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.XnioExecutor;
import org.xnio.XnioIoThread;
import org.xnio.ssl.XnioSsl;

/**
 * HTTP/1.1 connections to backends: opened on the caller's IO thread with a connect timeout, and
 * kept for reuse per backend and per IO thread (so no lock is needed). The number of connections in
 * use is not limited: a long LLM stream holds one for its whole length.
 *
 * <p>A kept connection is reused only while it is younger than the engines' own keep-alive limit
 * (uvicorn and llama.cpp close idle connections after 5 s): a request written just as the engine
 * closes the connection cannot be sent again, since the engine may have read it.
 */
public final class BackendConnections implements AutoCloseable {
  /** Tells the requester how acquiring a connection went. */
  public interface Callback {
    /** A connection, fresh or {@code reused} from the idle set. */
    void connected(ClientConnection connection, boolean reused);

    /** No connection could be opened (refused, timed out, TLS refused). */
    void failed(IOException e);
  }

  private final UndertowClient client = UndertowClient.getInstance();
  private final ByteBufferPool bufferPool;
  private final OptionMap options;
  private final Duration connectTimeout;
  private final int maxIdlePerThread;
  private final long maxIdleNanos;
  private final BackendTls tls;
  private final Map<Address, IdleConnections> idle = new ConcurrentHashMap<>();

  /**
   * @param bufferPool buffers for the connections
   * @param options socket and HTTP options of every backend connection (read timeout…)
   * @param connectTimeout how long a connect may take before it counts as failed
   * @param maxIdlePerThread idle connections kept per backend and IO thread
   * @param maxIdle how long an idle connection may wait for its next request
   * @param tls how HTTPS backends are trusted
   */
  public BackendConnections(
      ByteBufferPool bufferPool,
      OptionMap options,
      Duration connectTimeout,
      int maxIdlePerThread,
      Duration maxIdle,
      BackendTls tls) {
    this.bufferPool = bufferPool;
    // Byte counts per connection tell whether any byte of a failed request was written.
    this.options =
        OptionMap.builder().addAll(options).set(UndertowOptions.ENABLE_STATISTICS, true).getMap();
    this.connectTimeout = connectTimeout;
    this.maxIdlePerThread = maxIdlePerThread;
    this.maxIdleNanos = maxIdle.toNanos();
    this.tls = tls;
  }

  /** Gives a connection to the backend: an idle one if there is, else a new one. */
  public void acquire(InstanceId id, Endpoint endpoint, XnioIoThread thread, Callback callback) {
    IdleConnections pool = idle.get(Address.of(endpoint));
    if (pool != null) {
      ClientConnection reusable = pool.take(thread, System.nanoTime() - maxIdleNanos);
      if (reusable != null) {
        callback.connected(reusable, true);
        return;
      }
    }
    connect(id, endpoint, thread, callback);
  }

  /** Opens a new connection, passing over idle ones (one of them just failed). */
  public void acquireFresh(
      InstanceId id, Endpoint endpoint, XnioIoThread thread, Callback callback) {
    connect(id, endpoint, thread, callback);
  }

  /** Takes back a connection whose exchange ended cleanly. */
  public void release(Endpoint endpoint, XnioIoThread thread, ClientConnection connection) {
    if (!connection.isOpen()) {
      return;
    }
    IdleConnections pool =
        idle.computeIfAbsent(Address.of(endpoint), key -> new IdleConnections(maxIdlePerThread));
    if (!pool.put(thread, connection, System.nanoTime())) {
      IoUtils.safeClose(connection);
    }
  }

  /** Closes a connection at once, without the graceful drain a normal close waits for. */
  public static void abort(ClientConnection connection) {
    try {
      IoUtils.safeClose(connection.performUpgrade());
    } catch (IOException | RuntimeException e) {
      IoUtils.safeClose(connection);
    }
  }

  /** Whether the instance's TLS certificate was refused: its last handshake never completed. */
  public boolean tlsRefused(InstanceId id) {
    return tls.refusal(id).isPresent();
  }

  /** Idle connections kept now, across backends and threads. */
  public int idleCount() {
    return idle.values().stream().mapToInt(IdleConnections::size).sum();
  }

  @Override
  public void close() {
    idle.values().forEach(IdleConnections::closeAll);
    idle.clear();
  }

  private void connect(InstanceId id, Endpoint endpoint, XnioIoThread thread, Callback callback) {
    AtomicBoolean settled = new AtomicBoolean();
    XnioExecutor.Key timer =
        thread.executeAfter(
            () -> {
              if (settled.compareAndSet(false, true)) {
                callback.failed(
                    new ConnectException(
                        "connect to "
                            + endpoint
                            + " timed out after "
                            + connectTimeout.toMillis()
                            + " ms"));
              }
            },
            connectTimeout.toMillis(),
            TimeUnit.MILLISECONDS);
    ClientCallback<ClientConnection> opened =
        new ClientCallback<>() {
          @Override
          public void completed(ClientConnection connection) {
            if (settled.compareAndSet(false, true)) {
              timer.remove();
              callback.connected(connection, false);
            } else {
              IoUtils.safeClose(connection);
            }
          }

          @Override
          public void failed(IOException e) {
            if (settled.compareAndSet(false, true)) {
              timer.remove();
              callback.failed(e);
            }
          }
        };
    URI uri = URI.create(endpoint.baseUri());
    try {
      if (endpoint.scheme() == Scheme.HTTPS) {
        XnioSsl ssl = tls.forInstance(id, thread.getWorker());
        client.connect(opened, uri, thread, ssl, bufferPool, tls.options(options));
      } else {
        client.connect(opened, uri, thread, bufferPool, options);
      }
    } catch (RuntimeException e) {
      opened.failed(new IOException("cannot connect to " + endpoint + ": " + e.getMessage(), e));
    }
  }

  /** An idle connection and since when ({@link System#nanoTime()}) it has been idle. */
  private record Idle(ClientConnection connection, long since) {}

  /** One backend's idle connections, a stack per IO thread: the most recently used on top. */
  private static final class IdleConnections {
    private final int max;
    private final Map<XnioIoThread, ArrayDeque<Idle>> byThread = new ConcurrentHashMap<>();

    IdleConnections(int max) {
      this.max = max;
    }

    /** The most recently used open connection idle since {@code notBefore}, or null. */
    ClientConnection take(XnioIoThread thread, long notBefore) {
      ArrayDeque<Idle> stack = byThread.get(thread);
      if (stack == null) {
        return null;
      }
      for (Idle idle = stack.pollLast(); idle != null; idle = stack.pollLast()) {
        if (idle.since() - notBefore < 0) {
          // Everything below is older still: the engine may close it any moment.
          abort(idle.connection());
          stack.forEach(old -> abort(old.connection()));
          stack.clear();
          return null;
        }
        if (idle.connection().isOpen()) {
          return idle.connection();
        }
      }
      return null;
    }

    boolean put(XnioIoThread thread, ClientConnection connection, long now) {
      ArrayDeque<Idle> stack = byThread.computeIfAbsent(thread, key -> new ArrayDeque<>());
      if (stack.size() >= max) {
        // Pruning costs a pass over the stack, so it is done only when the stack looks full.
        stack.removeIf(stale -> !stale.connection().isOpen());
        if (stack.size() >= max) {
          return false;
        }
      }
      stack.addLast(new Idle(connection, now));
      return true;
    }

    int size() {
      return byThread.values().stream()
          .mapToInt(
              stack -> (int) stack.stream().filter(idle -> idle.connection().isOpen()).count())
          .sum();
    }

    void closeAll() {
      byThread.values().forEach(stack -> stack.forEach(idle -> abort(idle.connection())));
    }
  }

  /**
   * What idle connections are kept by: how and where they reach the engine. A small record, not the
   * endpoint's URI text, which would be built and hashed anew twice per request.
   */
  private record Address(Scheme scheme, String host, int port) {
    static Address of(Endpoint endpoint) {
      return new Address(endpoint.scheme(), endpoint.host(), endpoint.port());
    }

    // Written out: a record's generated equals and hashCode go through method handles that showed
    // in the saturation profile at about 2 % of the IO thread's samples.
    @Override
    public boolean equals(Object other) {
      return other instanceof Address address
          && port == address.port
          && scheme == address.scheme
          && host.equals(address.host);
    }

    @Override
    public int hashCode() {
      return (host.hashCode() * 31 + port) * 31 + scheme.ordinal();
    }
  }
}
