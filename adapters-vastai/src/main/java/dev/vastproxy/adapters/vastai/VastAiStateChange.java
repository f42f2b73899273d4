package dev.vastproxy.adapters.vastai;

import dev.vastproxy.application.port.out.VastApiException;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.openapi.api.InstancesApi;
import dev.vastproxy.openapi.model.ManageInstanceRequest;
import dev.vastproxy.openapi.model.SuccessResponse;
import java.util.Objects;

/**
 * Moves an instance to a state with {@code PUT /api/v0/instances/{id}/} and a body of {@code state}
 * only (never a label), at the same rate as label calls: vast.ai limits that endpoint as one.
 */
final class VastAiStateChange {
  private final VastAiConnection connection;
  private final InstancesApi api;
  private final VastAiCaller caller;
  private final ManageInstanceRequest.StateEnum state;

  VastAiStateChange(VastAiConnection connection, ManageInstanceRequest.StateEnum state) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.api = connection.instances();
    this.state = Objects.requireNonNull(state, "state");
    this.caller =
        connection.rateLimitedCaller(
            state.getValue() + " instance", connection.tuning().labelInterval());
  }

  void apply(InstanceId id) throws VastApiException {
    Objects.requireNonNull(id, "id");
    ManageInstanceRequest request = new ManageInstanceRequest().state(state);
    SuccessResponse response = caller.call(() -> api.manageInstance(id.value(), request));
    if (response == null) {
      throw connection.errors().malformed("a state answer without a body");
    }
    if (!Boolean.TRUE.equals(response.getSuccess())) {
      throw connection.errors().refused(response.getError(), response.getMsg());
    }
  }
}
