package dev.vastproxy.adapters.vastai;

import dev.vastproxy.application.port.out.StopInstancePort;
import dev.vastproxy.application.port.out.VastApiException;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.openapi.model.ManageInstanceRequest;

/** Stops an instance with {@code PUT /api/v0/instances/{id}/} and {@code {"state": "stopped"}}. */
public final class VastAiStopAdapter implements StopInstancePort {
  private final VastAiConnection connection;
  private final VastAiStateChange change;

  /** Stops over the given connection. */
  public VastAiStopAdapter(VastAiConnection connection) {
    this.connection = connection;
    this.change = new VastAiStateChange(connection, ManageInstanceRequest.StateEnum.STOPPED);
  }

  @Override
  public void stop(InstanceId id) throws VastApiException {
    change.apply(id);
  }

  @Override
  public String toString() {
    return "VastAiStopAdapter[" + connection.baseUri() + "]";
  }
}
