package dev.vastproxy.adapters.http;

import io.undertow.connector.ByteBufferPool;
import io.undertow.server.DefaultByteBufferPool;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioWorker;

/**
 * The IO threads and buffers shared by the front end and the backend connections, so that a request
 * and its backend connection live on the same IO thread.
 */
public final class HttpRuntime implements AutoCloseable {
  /** Buffer size: large enough for a burst of SSE events, small enough to pool cheaply. */
  private static final int BUFFER_SIZE = 16 * 1024;

  private final XnioWorker worker;
  private final ByteBufferPool bufferPool;

  private HttpRuntime(XnioWorker worker, ByteBufferPool bufferPool) {
    this.worker = worker;
    this.bufferPool = bufferPool;
  }

  /**
   * Starts the IO threads.
   *
   * @param ioThreads how many; one per core suits a proxy that never blocks
   */
  public static HttpRuntime start(int ioThreads) {
    try {
      XnioWorker worker =
          Xnio.getInstance()
              .createWorker(
                  OptionMap.builder()
                      .set(Options.WORKER_IO_THREADS, ioThreads)
                      .set(Options.WORKER_TASK_CORE_THREADS, 2)
                      .set(Options.WORKER_TASK_MAX_THREADS, 4)
                      .set(Options.TCP_NODELAY, true)
                      .set(Options.WORKER_NAME, "vastproxy-http")
                      .getMap());
      return new HttpRuntime(worker, new DefaultByteBufferPool(true, BUFFER_SIZE, -1, 16));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the HTTP IO threads", e);
    }
  }

  /** The IO threads. */
  public XnioWorker worker() {
    return worker;
  }

  /** The shared buffers. */
  public ByteBufferPool bufferPool() {
    return bufferPool;
  }

  @Override
  public void close() {
    worker.shutdownNow();
    bufferPool.close();
  }
}
