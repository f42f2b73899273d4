package dev.vastproxy.domain.routing;

import dev.vastproxy.domain.backend.Backend;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Where a request goes, or why it goes nowhere. */
public sealed interface RoutingDecision
    permits RoutingDecision.Routed,
        RoutingDecision.NoBackend,
        RoutingDecision.UnknownModel,
        RoutingDecision.ModelUnavailable,
        RoutingDecision.Overloaded {

  /**
   * Send the request to this backend.
   *
   * @param backend the chosen backend
   * @param pinned whether the request's sticky header chose it
   */
  record Routed(Backend backend, boolean pinned) implements RoutingDecision {
    public Routed {
      Objects.requireNonNull(backend, "backend");
    }
  }

  /** No backend can take requests now. */
  record NoBackend() implements RoutingDecision {}

  /**
   * No healthy backend serves the requested model.
   *
   * @param model the model asked for
   * @param available the models on offer
   */
  record UnknownModel(String model, List<String> available) implements RoutingDecision {
    public UnknownModel {
      Objects.requireNonNull(model, "model");
      available = List.copyOf(available);
    }
  }

  /**
   * The model is served by the fleet (or was lately), but by no backend that can take requests now:
   * a passing outage, worth retrying.
   *
   * @param model the model asked for
   */
  record ModelUnavailable(String model) implements RoutingDecision {
    public ModelUnavailable {
      Objects.requireNonNull(model, "model");
    }
  }

  /**
   * Every backend that could take the request reports a queue over the limit: the fleet is full,
   * worth retrying later (429).
   *
   * @param model the model asked for, if the request named one
   */
  record Overloaded(Optional<String> model) implements RoutingDecision {
    public Overloaded {
      Objects.requireNonNull(model, "model");
    }
  }
}
