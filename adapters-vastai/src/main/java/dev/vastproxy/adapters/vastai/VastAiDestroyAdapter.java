package dev.vastproxy.adapters.vastai;

import dev.vastproxy.application.port.out.DestroyInstancePort;
import dev.vastproxy.application.port.out.DestroyOutcome;
import dev.vastproxy.application.port.out.VastApiException;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.openapi.ApiException;
import dev.vastproxy.openapi.api.InstancesApi;
import dev.vastproxy.openapi.model.SuccessResponse;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Destroys an instance with {@code DELETE /api/v0/instances/{id}/}; an instance vast.ai no longer
 * knows ({@code no_such_instance}, {@code not_found}) counts as already gone.
 */
public final class VastAiDestroyAdapter implements DestroyInstancePort {
  /** The error codes that mean the instance does not exist (any more). */
  static final Set<String> GONE = Set.of("no_such_instance", "not_found");

  private final VastAiConnection connection;
  private final InstancesApi api;
  private final VastAiCaller caller;

  /** Destroys over the given connection. */
  public VastAiDestroyAdapter(VastAiConnection connection) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.api = connection.instances();
    this.caller =
        connection.rateLimitedCaller("destroy instance", connection.tuning().destroyInterval());
  }

  @Override
  public DestroyOutcome destroy(InstanceId id) throws VastApiException {
    Objects.requireNonNull(id, "id");
    return caller.call(() -> attempt(id.value()));
  }

  private DestroyOutcome attempt(long id) throws ApiException, VastApiException {
    SuccessResponse response;
    try {
      response = api.destroyInstance(id);
    } catch (ApiException e) {
      if (isGone(VastApiErrors.errorCode(e))) {
        return DestroyOutcome.ALREADY_GONE;
      }
      throw e;
    }
    if (response == null) {
      throw connection.errors().malformed("a destroy answer without a body");
    }
    if (Boolean.TRUE.equals(response.getSuccess())) {
      return DestroyOutcome.DESTROYED;
    }
    if (isGone(Optional.ofNullable(response.getError()).map(String::strip))) {
      return DestroyOutcome.ALREADY_GONE;
    }
    throw connection.errors().refused(response.getError(), response.getMsg());
  }

  private static boolean isGone(Optional<String> errorCode) {
    return errorCode.filter(GONE::contains).isPresent();
  }

  @Override
  public String toString() {
    return "VastAiDestroyAdapter[" + connection.baseUri() + "]";
  }
}
