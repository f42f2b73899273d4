package dev.vastproxy.adapters.http.relay;

import dev.vastproxy.adapters.http.upstream.BackendConnections;
import dev.vastproxy.adapters.http.upstream.MemoryBudget;
import dev.vastproxy.application.port.in.HoldRequestUseCase;
import dev.vastproxy.application.port.in.RecordTokensUseCase;
import dev.vastproxy.application.port.in.ReportBackendFailureUseCase;
import dev.vastproxy.application.port.in.RouteRequestUseCase;
import dev.vastproxy.domain.instance.InstanceId;
import io.undertow.connector.ByteBufferPool;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;
import java.util.Optional;

/** Proxies a request to a backend the application chooses; never blocks the IO thread. */
public final class ProxyHandler implements HttpHandler {
  private final ProxyContext context;

  /** A proxy without a waiting room: requests no backend can take are answered at once. */
  public ProxyHandler(
      RouteRequestUseCase routing,
      ReportBackendFailureUseCase failures,
      BackendConnections connections,
      ByteBufferPool bufferPool,
      ProxySettings settings,
      ProxyObserver observer,
      RecordTokensUseCase tokens) {
    this(
        routing,
        failures,
        HoldRequestUseCase.CLOSED,
        connections,
        bufferPool,
        settings,
        observer,
        tokens,
        new StreamsOnInstances());
  }

  /**
   * A proxy that holds requests no backend can take yet in {@code waitingRoom}.
   *
   * @param tokens where the tokens of answers are counted
   * @param streams where continuable streams are kept by instance; the fleet listens to it, so that
   *     streams move off an instance that leaves the fleet
   */
  public ProxyHandler(
      RouteRequestUseCase routing,
      ReportBackendFailureUseCase failures,
      HoldRequestUseCase waitingRoom,
      BackendConnections connections,
      ByteBufferPool bufferPool,
      ProxySettings settings,
      ProxyObserver observer,
      RecordTokensUseCase tokens,
      StreamsOnInstances streams) {
    this.context =
        new ProxyContext(
            routing,
            failures,
            waitingRoom,
            connections,
            bufferPool,
            new MemoryBudget(settings.peekMemoryLimit()),
            settings,
            observer,
            tokens,
            streams,
            new SilenceSweeps(settings.idleTimeout()));
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    // A value that is not an id is ignored, not an error; the header never reaches a backend.
    Optional<InstanceId> sticky =
        InstanceId.parse(exchange.getRequestHeaders().getFirst(ProxyExchange.INSTANCE_HEADER));
    exchange.getRequestHeaders().remove(ProxyExchange.INSTANCE_HEADER);
    ProxyExchange proxied = new ProxyExchange(context.arrived(exchange), exchange, sticky);
    exchange.dispatch(SameThreadExecutor.INSTANCE, proxied::start);
  }
}
