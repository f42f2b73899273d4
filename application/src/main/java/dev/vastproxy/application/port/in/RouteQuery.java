package dev.vastproxy.application.port.in;

import dev.vastproxy.domain.instance.InstanceId;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the proxy knows of a request when it picks a backend.
 *
 * @param sticky the instance named by the {@code X-VastProxy-Instance} header, if any
 * @param model the {@code model} field of a JSON body, if any
 * @param excluded backends this request already failed to connect to
 */
public record RouteQuery(
    Optional<InstanceId> sticky, Optional<String> model, Set<InstanceId> excluded) {
  private static final RouteQuery ANY =
      new RouteQuery(Optional.empty(), Optional.empty(), Set.of());

  public RouteQuery {
    Objects.requireNonNull(sticky, "sticky");
    Objects.requireNonNull(model, "model");
    excluded = Set.copyOf(excluded);
  }

  /** A request with nothing to steer it. */
  public static RouteQuery any() {
    return ANY;
  }

  /** Whether this is a retry after a failed connect. */
  public boolean isRetry() {
    return !excluded.isEmpty();
  }
}
