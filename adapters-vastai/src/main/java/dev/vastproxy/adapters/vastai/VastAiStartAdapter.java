package dev.vastproxy.adapters.vastai;

import dev.vastproxy.application.port.out.StartInstancePort;
import dev.vastproxy.application.port.out.VastApiException;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.openapi.model.ManageInstanceRequest;

/** Starts an instance with {@code PUT /api/v0/instances/{id}/} and {@code {"state": "running"}}. */
public final class VastAiStartAdapter implements StartInstancePort {
  private final VastAiConnection connection;
  private final VastAiStateChange change;

  /** Starts over the given connection. */
  public VastAiStartAdapter(VastAiConnection connection) {
    this.connection = connection;
    this.change = new VastAiStateChange(connection, ManageInstanceRequest.StateEnum.RUNNING);
  }

  @Override
  public void start(InstanceId id) throws VastApiException {
    change.apply(id);
  }

  @Override
  public String toString() {
    return "VastAiStartAdapter[" + connection.baseUri() + "]";
  }
}
