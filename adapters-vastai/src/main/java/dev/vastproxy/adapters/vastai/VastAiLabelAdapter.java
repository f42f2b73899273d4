package dev.vastproxy.adapters.vastai;

import dev.vastproxy.application.port.out.LabelInstancePort;
import dev.vastproxy.application.port.out.VastApiException;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.openapi.api.InstancesApi;
import dev.vastproxy.openapi.model.ManageInstanceRequest;
import dev.vastproxy.openapi.model.SuccessResponse;
import java.util.Objects;

/**
 * Sets an instance's label with {@code PUT /api/v0/instances/{id}/} and a body of {@code label}
 * only, at most one call per {@link VastAiTuning#labelInterval()}.
 */
public final class VastAiLabelAdapter implements LabelInstancePort {
  private final VastAiConnection connection;
  private final InstancesApi api;
  private final VastAiCaller caller;

  /** Labels over the given connection. */
  public VastAiLabelAdapter(VastAiConnection connection) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.api = connection.instances();
    this.caller = connection.rateLimitedCaller("set label", connection.tuning().labelInterval());
  }

  @Override
  public void setLabel(InstanceId id, String label) throws VastApiException {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(label, "label");
    ManageInstanceRequest request = new ManageInstanceRequest().label(label);
    SuccessResponse response = caller.call(() -> api.manageInstance(id.value(), request));
    if (response == null) {
      throw connection.errors().malformed("a label answer without a body");
    }
    if (!Boolean.TRUE.equals(response.getSuccess())) {
      throw connection.errors().refused(response.getError(), response.getMsg());
    }
  }

  @Override
  public String toString() {
    return "VastAiLabelAdapter[" + connection.baseUri() + "]";
  }
}
