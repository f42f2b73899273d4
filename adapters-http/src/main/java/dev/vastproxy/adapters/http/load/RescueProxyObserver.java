package dev.vastproxy.adapters.http.load;

import dev.vastproxy.adapters.http.relay.ProxyObserver;
import dev.vastproxy.application.port.in.CountRescuesUseCase;
import dev.vastproxy.domain.backend.Rescue;
import dev.vastproxy.domain.instance.InstanceId;

/**
 * Passes the proxy's retries and resumes to the counts the status API and the dashboard show, each
 * against the instance that failed (or, for a failed resume, the one that failed to continue).
 */
public final class RescueProxyObserver implements ProxyObserver {
  private final CountRescuesUseCase rescues;

  public RescueProxyObserver(CountRescuesUseCase rescues) {
    this.rescues = rescues;
  }

  @Override
  public void retriedBeforeFirstByte(InstanceId failed) {
    rescues.count(failed, Rescue.RETRIED_BEFORE_FIRST_BYTE);
  }

  @Override
  public void resumed(InstanceId failed, InstanceId next) {
    rescues.count(failed, Rescue.RESUMED);
  }

  @Override
  public void notResumable(InstanceId failed) {
    rescues.count(failed, Rescue.NOT_RESUMABLE);
  }

  @Override
  public void resumeFailed(InstanceId continuing) {
    rescues.count(continuing, Rescue.RESUME_FAILED);
  }
}
