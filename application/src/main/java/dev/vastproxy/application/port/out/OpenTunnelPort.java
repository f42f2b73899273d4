package dev.vastproxy.application.port.out;

import dev.vastproxy.domain.endpoint.Endpoint;
import dev.vastproxy.domain.instance.Instance;
import java.io.IOException;

/** Forwards a local port over SSH to a port inside an instance. */
public interface OpenTunnelPort {

  /**
   * Opens (or returns the already open) forward to {@code 127.0.0.1:containerPort} on the instance.
   * May block for the SSH connect timeout.
   *
   * @return the local endpoint, carrying the instance's bearer token
   * @throws IOException when no forward could be opened
   */
  Endpoint openTunnel(Instance instance, int containerPort) throws IOException;
}
