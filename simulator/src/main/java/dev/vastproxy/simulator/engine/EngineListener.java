package dev.vastproxy.simulator.engine;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.xnio.Options;

/**
 * Where a fake engine listens: plain HTTP on loopback, or HTTPS behind a {@link TlsFrontDoor} that
 * redirects plain HTTP on the same port; it can stop and start again on the same port, so that a
 * test can refuse connections or change the certificate.
 */
final class EngineListener {
  private final int ioThreads;
  private final HttpHandler handler;
  private final List<Undertow> servers = new CopyOnWriteArrayList<>();
  private volatile int port;
  private volatile Optional<TlsIdentity> tls;
  private volatile int httpsPort;
  private TlsFrontDoor frontDoor;

  /**
   * @param port the port to take (0: any free one)
   * @param tls the certificate of an HTTPS engine
   */
  EngineListener(int ioThreads, HttpHandler handler, int port, Optional<TlsIdentity> tls) {
    this.ioThreads = ioThreads;
    this.handler = handler;
    this.port = port;
    this.tls = tls;
  }

  int port() {
    return port;
  }

  boolean speaksTls() {
    return tls.isPresent();
  }

  /** Presents another certificate from the next start. */
  void setTls(TlsIdentity identity) {
    this.tls = Optional.of(identity);
  }

  /** Client connections open now. */
  synchronized int openConnections() {
    long open = 0;
    for (Undertow server : servers) {
      for (Undertow.ListenerInfo listener : server.getListenerInfo()) {
        open += listener.getConnectorStatistics().getActiveConnections();
      }
    }
    return (int) open;
  }

  synchronized void start() {
    Undertow.Builder builder =
        Undertow.builder()
            .setIoThreads(ioThreads)
            .setWorkerThreads(1)
            .setSocketOption(Options.REUSE_ADDRESSES, true)
            .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, 600_000)
            .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, Long.MAX_VALUE)
            .setServerOption(UndertowOptions.ENABLE_STATISTICS, true)
            .setHandler(handler);
    Optional<TlsIdentity> identity = tls;
    if (identity.isEmpty()) {
      builder.addHttpListener(port, "127.0.0.1");
    } else {
      builder.addHttpsListener(0, "127.0.0.1", identity.get().serverContext());
    }
    Undertow server = builder.build();
    server.start();
    servers.add(server);
    int bound = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    if (identity.isEmpty()) {
      port = bound;
      return;
    }
    httpsPort = bound;
    if (frontDoor == null) {
      try {
        frontDoor = new TlsFrontDoor(port, () -> httpsPort);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot listen on port " + port, e);
      }
      port = frontDoor.port();
    }
  }

  /** Stops the servers; an HTTPS engine's front door stays, so its port stays taken. */
  synchronized void stop() {
    for (Undertow server : servers) {
      server.stop();
    }
    servers.clear();
  }

  /** Stops the servers and closes the HTTPS front door, so nothing answers on the port at all. */
  synchronized void close() {
    stop();
    closeFrontDoor();
  }

  /** Closes the HTTPS front door. */
  private void closeFrontDoor() {
    if (frontDoor != null) {
      frontDoor.close();
      frontDoor = null;
    }
  }
}
