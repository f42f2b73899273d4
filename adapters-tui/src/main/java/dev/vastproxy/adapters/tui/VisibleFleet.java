package dev.vastproxy.adapters.tui;

import dev.vastproxy.application.port.in.FleetView;
import dev.vastproxy.application.port.in.GuardView;
import dev.vastproxy.application.port.in.InstanceGuard;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.BackendState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The backends the dashboard shows: every enrolled one, except that a REMOVING card goes away
 * {@link #REMOVING_SHOWN_FOR} after the removal.
 *
 * @param backends the cards to draw, by instance id
 * @param at when the view was taken
 */
public record VisibleFleet(List<Backend> backends, Instant at) {
  /** How long a removed backend keeps its card. */
  public static final Duration REMOVING_SHOWN_FOR = Duration.ofSeconds(30);

  public VisibleFleet {
    backends = List.copyOf(backends);
    Objects.requireNonNull(at, "at");
  }

  /** The cards of a fleet view. */
  public static VisibleFleet of(FleetView view) {
    return new VisibleFleet(
        view.fleet().backends().stream().filter(backend -> shown(backend, view.at())).toList(),
        view.at());
  }

  /** How many cards show a HEALTHY backend. */
  public long healthy() {
    return backends.stream().filter(backend -> backend.state() == BackendState.HEALTHY).count();
  }

  /** Whether any shown backend runs SGLang, the one engine that can abort all its requests. */
  public boolean hasAbortableEngine() {
    return backends.stream().anyMatch(backend -> backend.engine().supportsAbortAll());
  }

  /** How many healthy SGLang backends an abort-all would reach. */
  public long abortTargets() {
    return backends.stream()
        .filter(
            backend ->
                backend.state() == BackendState.HEALTHY && backend.engine().supportsAbortAll())
        .count();
  }

  /** How many instances a destroy-all would destroy (removing ones are gone already). */
  public long destroyTargets() {
    return backends.stream().filter(backend -> backend.state() != BackendState.REMOVING).count();
  }

  /**
   * How many instances a destroy-all would destroy: those that served a model (the guards keep a
   * box that never did); without the guards' view, every enrolled one.
   */
  public long destroyTargets(GuardView guard) {
    if (guard.enrolled().isEmpty()) {
      return destroyTargets();
    }
    return backends.stream()
        .filter(backend -> backend.state() != BackendState.REMOVING)
        .filter(backend -> guard.of(backend.id()).map(InstanceGuard::actionable).orElse(false))
        .count();
  }

  private static boolean shown(Backend backend, Instant now) {
    return backend.state() != BackendState.REMOVING
        || backend.timeInState(now).compareTo(REMOVING_SHOWN_FOR) < 0;
  }
}
