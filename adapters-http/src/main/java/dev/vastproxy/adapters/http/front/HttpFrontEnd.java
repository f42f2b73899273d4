package dev.vastproxy.adapters.http.front;

import dev.vastproxy.adapters.http.HttpRuntime;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.HttpContinueReadHandler;
import io.undertow.server.protocol.http.HttpOpenListener;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import org.xnio.ChannelListener;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.channels.AcceptingChannel;

/**
 * The proxy's listening HTTP/1.1 server. Built from Undertow's parts rather than {@code
 * Undertow.builder()} so that each accepted connection gets a {@link HeadGuardConduit} under
 * Undertow's parser, which the builder offers no place for.
 */
public final class HttpFrontEnd implements AutoCloseable {
  private final AcceptingChannel<StreamConnection> server;

  private HttpFrontEnd(AcceptingChannel<StreamConnection> server) {
    this.server = server;
  }

  /**
   * Starts listening with the default limits.
   *
   * @param port 0 picks a free port
   * @throws PortInUseException when the address is taken
   */
  public static HttpFrontEnd start(HttpRuntime runtime, String host, int port, HttpHandler root) {
    return start(runtime, host, port, root, FrontEndLimits.DEFAULTS);
  }

  /**
   * Starts listening.
   *
   * @param port 0 picks a free port
   * @throws PortInUseException when the address is taken
   */
  public static HttpFrontEnd start(
      HttpRuntime runtime, String host, int port, HttpHandler root, FrontEndLimits limits) {
    HttpOpenListener http = new HttpOpenListener(runtime.bufferPool(), undertowOptions(limits));
    // Answers "Expect: 100-continue" when the body is first read, instead of letting clients
    // such as curl wait a second before sending it.
    http.setRootHandler(new HttpContinueReadHandler(new RequestRules(root)));
    ChannelListener<StreamConnection> guarded =
        connection -> {
          HeadGuardConduit.install(connection, limits.maxHeaderBytes());
          http.handleEvent(connection);
        };
    try {
      AcceptingChannel<StreamConnection> server =
          runtime
              .worker()
              .createStreamConnectionServer(
                  new InetSocketAddress(host, port),
                  ChannelListeners.openListenerAdapter(guarded),
                  OptionMap.builder()
                      .set(Options.WORKER_IO_THREADS, runtime.worker().getIoThreadCount())
                      .set(Options.TCP_NODELAY, true)
                      .set(Options.REUSE_ADDRESSES, true)
                      .set(Options.BALANCING_TOKENS, 1)
                      .set(Options.BALANCING_CONNECTIONS, 2)
                      .set(Options.BACKLOG, 4096)
                      .getMap());
      server.resumeAccepts();
      return new HttpFrontEnd(server);
    } catch (BindException e) {
      throw new PortInUseException(host + ":" + port, e);
    } catch (IOException e) {
      throw new IllegalStateException("cannot listen on " + host + ":" + port, e);
    }
  }

  /**
   * The server options. Deliberately no {@code IDLE_TIMEOUT}: Undertow applies it to the whole
   * connection, so it would cut a request whose backend is silent (a long prefill) as idle.
   */
  private static OptionMap undertowOptions(FrontEndLimits limits) {
    return OptionMap.builder()
        .set(UndertowOptions.ALWAYS_SET_KEEP_ALIVE, false)
        // Runs only between requests: Undertow clears it when a head is parsed, re-arms it when
        // the exchange ends.
        .set(UndertowOptions.NO_REQUEST_TIMEOUT, (int) limits.keepAliveIdle().toMillis())
        // Armed by the first read that leaves a head incomplete and never pushed back by later
        // bytes, so a client dribbling its headers is cut when the time is up.
        .set(UndertowOptions.REQUEST_PARSE_TIMEOUT, (int) limits.headerTimeout().toMillis())
        .set(UndertowOptions.ENABLE_HTTP2, false)
        // Only a backstop: HeadGuardConduit answers 431 before Undertow's bare 400 can trigger.
        .set(UndertowOptions.MAX_HEADER_SIZE, 2 * limits.maxHeaderBytes())
        // Undertow caps bodies at 2 MB by default; prompts can be larger, backends decide.
        .set(UndertowOptions.MAX_ENTITY_SIZE, Long.MAX_VALUE)
        .getMap();
  }

  /** Where it listens (with the real port when 0 was asked for). */
  public InetSocketAddress address() {
    return (InetSocketAddress) server.getLocalAddress();
  }

  /** Stops accepting; connections already open are left to finish. */
  @Override
  public void close() {
    IoUtils.safeClose(server);
  }

  /** The listen address is already in use. */
  public static final class PortInUseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PortInUseException(String address, Throwable cause) {
      super(address + " is already in use", cause);
    }
  }
}
