package dev.vastproxy.adapters.http.load;

import dev.vastproxy.adapters.http.relay.ProxyObserver;
import dev.vastproxy.adapters.http.relay.RequestFacts;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.routing.RoutingDecision;
import io.undertow.server.HttpServerExchange;
import java.util.Optional;

/**
 * Tells two observers of every proxied request, first one first (metrics and routing both hear).
 */
public final class TeeProxyObserver implements ProxyObserver {
  private final ProxyObserver first;
  private final ProxyObserver second;

  public TeeProxyObserver(ProxyObserver first, ProxyObserver second) {
    this.first = first;
    this.second = second;
  }

  /**
   * Itself when neither observer follows single requests, so that the plain path allocates nothing.
   */
  @Override
  public ProxyObserver arrived(HttpServerExchange exchange) {
    ProxyObserver firstOwn = first.arrived(exchange);
    ProxyObserver secondOwn = second.arrived(exchange);
    return firstOwn == first && secondOwn == second
        ? this
        : new TeeProxyObserver(firstOwn, secondOwn);
  }

  @Override
  public void routed(RoutingDecision decision) {
    first.routed(decision);
    second.routed(decision);
  }

  @Override
  public void requestSent(InstanceId backend) {
    first.requestSent(backend);
    second.requestSent(backend);
  }

  @Override
  public void responseStarted(InstanceId backend, RequestFacts facts, int status, long nanos) {
    first.responseStarted(backend, facts, status, nanos);
    second.responseStarted(backend, facts, status, nanos);
  }

  @Override
  public void firstBytes(InstanceId backend, RequestFacts facts, int status, long nanos) {
    first.firstBytes(backend, facts, status, nanos);
    second.firstBytes(backend, facts, status, nanos);
  }

  @Override
  public void requestEnded(
      Optional<InstanceId> backend, RequestFacts facts, int status, Outcome outcome, long nanos) {
    first.requestEnded(backend, facts, status, outcome, nanos);
    second.requestEnded(backend, facts, status, outcome, nanos);
  }

  @Override
  public void retriedBeforeFirstByte(InstanceId failed) {
    first.retriedBeforeFirstByte(failed);
    second.retriedBeforeFirstByte(failed);
  }

  @Override
  public void resumed(InstanceId failed, InstanceId next) {
    first.resumed(failed, next);
    second.resumed(failed, next);
  }

  @Override
  public void notResumable(InstanceId failed) {
    first.notResumable(failed);
    second.notResumable(failed);
  }

  @Override
  public void resumeFailed(InstanceId continuing) {
    first.resumeFailed(continuing);
    second.resumeFailed(continuing);
  }
}
