package dev.vastproxy.application.port.in;

import dev.vastproxy.domain.instance.InstanceId;

/**
 * Records how fast a backend served a request, for load-aware routing and outlier ejection. Called
 * on IO threads: never blocks. Only requests the backend served well belong here: not those the
 * client abandoned or whose own fault failed them.
 */
public interface RecordRequestTimingUseCase {

  /** The backend's response began {@code nanos} after the request arrived. */
  void firstByte(InstanceId backend, long nanos);

  /** The backend's answer reached the client in full, {@code nanos} after the request arrived. */
  void completed(InstanceId backend, long nanos);
}
