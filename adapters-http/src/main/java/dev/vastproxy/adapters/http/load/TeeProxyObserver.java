package dev.vastproxy.adapters.http.load;

import dev.vastproxy.adapters.http.proxy.ProxyObserver;
import dev.vastproxy.domain.instance.InstanceId;
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

  @Override
  public void requestSent(InstanceId backend) {
    first.requestSent(backend);
    second.requestSent(backend);
  }

  @Override
  public void responseStarted(InstanceId backend, int status, long nanos) {
    first.responseStarted(backend, status, nanos);
    second.responseStarted(backend, status, nanos);
  }

  @Override
  public void requestEnded(Optional<InstanceId> backend, int status, Outcome outcome, long nanos) {
    first.requestEnded(backend, status, outcome, nanos);
    second.requestEnded(backend, status, outcome, nanos);
  }
}
