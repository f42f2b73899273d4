package dev.vastproxy.adapters.http;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.HttpContinueReadHandler;
import java.net.BindException;
import java.net.InetSocketAddress;
import org.xnio.Options;

/** The proxy's listening HTTP/1.1 server. */
public final class HttpFrontEnd implements AutoCloseable {
  private final Undertow server;

  private HttpFrontEnd(Undertow server) {
    this.server = server;
  }

  /**
   * Starts listening.
   *
   * @param port 0 picks a free port
   * @throws PortInUseException when the address is taken
   */
  public static HttpFrontEnd start(HttpRuntime runtime, String host, int port, HttpHandler root) {
    Undertow server =
        Undertow.builder()
            .setWorker(runtime.worker())
            .setByteBufferPool(runtime.bufferPool())
            .setSocketOption(Options.REUSE_ADDRESSES, true)
            .setSocketOption(Options.BACKLOG, 4096)
            .setServerOption(UndertowOptions.ALWAYS_SET_KEEP_ALIVE, false)
            .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, 120_000)
            .setServerOption(UndertowOptions.ENABLE_HTTP2, false)
            // Undertow caps bodies at 2 MB by default; prompts can be larger, backends decide.
            .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, Long.MAX_VALUE)
            .addHttpListener(port, host)
            // Answers "Expect: 100-continue" when the body is first read, instead of letting
            // clients such as curl wait a second before sending it.
            .setHandler(new HttpContinueReadHandler(root))
            .build();
    try {
      server.start();
    } catch (RuntimeException e) {
      if (causedByBind(e)) {
        throw new PortInUseException(host + ":" + port, e);
      }
      throw e;
    }
    return new HttpFrontEnd(server);
  }

  /** Where it listens (with the real port when 0 was asked for). */
  public InetSocketAddress address() {
    return (InetSocketAddress) server.getListenerInfo().get(0).getAddress();
  }

  @Override
  public void close() {
    server.stop();
  }

  private static boolean causedByBind(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof BindException) {
        return true;
      }
    }
    return false;
  }

  /** The listen address is already in use. */
  public static final class PortInUseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PortInUseException(String address, Throwable cause) {
      super(address + " is already in use", cause);
    }
  }
}
