package dev.vastproxy.application.port.out;

import dev.vastproxy.domain.instance.InstanceId;

/** Closes an instance's SSH forward. */
public interface CloseTunnelPort {

  /** Closes the forward, if one is open; never throws. */
  void closeTunnel(InstanceId id);
}
