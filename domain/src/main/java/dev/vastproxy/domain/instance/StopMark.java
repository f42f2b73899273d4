package dev.vastproxy.domain.instance;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The proxy's stop of an instance as kept on vast.ai, so that every replica, and this one after a
 * restart, knows the stop was the proxy's (only those are undone) and which models to wake it for.
 *
 * @param at when the stop was asked for (a label keeps it to the second, rounded up)
 * @param models the models the instance served before; may be empty when they did not fit
 */
public record StopMark(Instant at, List<String> models) {
  public StopMark {
    Objects.requireNonNull(at, "at");
    models = List.copyOf(models);
    for (String model : models) {
      if (model.isBlank()) {
        throw new IllegalArgumentException("a stop mark's model must not be blank");
      }
    }
  }

  /**
   * Whether the marked instance, listed as {@code instance} in a listing asked for at {@code
   * listedAt}, runs again since the stop (woken, or started by its owner): a later stop is then not
   * the proxy's. A listing asked for before the mark, or one that still shows the stop under way,
   * says nothing.
   */
  public boolean endedBy(Instance instance, Instant listedAt) {
    return instance.isRunning()
        && listedAt.isAfter(at)
        && !instance.rental().intendedStatus().equals("stopped");
  }
}
