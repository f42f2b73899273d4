package dev.vastproxy.adapters.http.metrics;

import dev.vastproxy.application.port.in.FleetView;
import dev.vastproxy.application.port.in.ObserveFleetUseCase;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.cost.TokenCost;
import dev.vastproxy.domain.cost.TokenCounts;
import dev.vastproxy.domain.cost.TokenSource;
import dev.vastproxy.domain.fleet.FleetListener;
import dev.vastproxy.domain.fleet.FleetSnapshot;
import dev.vastproxy.domain.instance.InstanceId;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Tokens and their cost in Micrometer, read at scrape time: a counter of tokens per backend by kind
 * ({@code prompt}, {@code completion}) and source ({@code usage}, {@code estimate}), what each
 * backend was billed while enrolled and its dollars per million tokens, and the same for the fleet.
 * Per-backend meters come and go with the backend's enrolment.
 */
public final class TokenMetrics implements FleetListener {
  static final String TOKENS = "vastproxy.tokens";
  static final String BACKEND_COST = "vastproxy.backend.cost.dollars";
  static final String BACKEND_PER_MILLION = "vastproxy.backend.dollars.per.million.tokens";
  static final String FLEET_COST = "vastproxy.fleet.cost.dollars";
  static final String FLEET_PER_MILLION = "vastproxy.fleet.dollars.per.million.tokens";

  private final MeterRegistry registry;
  private final ObserveFleetUseCase fleet;
  private final Map<InstanceId, Enrolment> tracked = new HashMap<>();

  public TokenMetrics(MeterRegistry registry, ObserveFleetUseCase fleet) {
    this.registry = registry;
    this.fleet = fleet;
    Gauge.builder(FLEET_COST, this, metrics -> metrics.fleet.observeFleet().cost().dollars())
        .description("What the enrolled instances were billed while enrolled, idle time included")
        .baseUnit("dollars")
        .strongReference(true)
        .register(registry);
    Gauge.builder(
            FLEET_PER_MILLION,
            this,
            metrics -> orNaN(metrics.fleet.observeFleet().cost().dollarsPerMillionTokens()))
        .description("The fleet's dollars per million tokens served (NaN before any token)")
        .strongReference(true)
        .register(registry);
    track(fleet.observeFleet().fleet());
  }

  @Override
  public synchronized void fleetChanged(FleetSnapshot before, FleetSnapshot after) {
    track(after);
  }

  /** Registers meters for new enrolments and removes those of backends that left. */
  private synchronized void track(FleetSnapshot snapshot) {
    for (Iterator<Map.Entry<InstanceId, Enrolment>> it = tracked.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<InstanceId, Enrolment> entry = it.next();
      Optional<Backend> now = snapshot.backend(entry.getKey());
      if (now.isEmpty() || now.get().incarnation() != entry.getValue().incarnation) {
        entry.getValue().meters.forEach(registry::remove);
        it.remove();
      }
    }
    for (Backend backend : snapshot.backends()) {
      tracked.computeIfAbsent(backend.id(), id -> new Enrolment(backend));
    }
  }

  private Optional<TokenCost> cost(InstanceId id) {
    FleetView view = fleet.observeFleet();
    return view.fleet().backend(id).map(backend -> backend.cost(view.at()));
  }

  private static double orNaN(OptionalDouble value) {
    return value.isPresent() ? value.getAsDouble() : Double.NaN;
  }

  /** One enrolment's meters. */
  private final class Enrolment {
    private final long incarnation;
    private final List<Meter> meters = new ArrayList<>();

    /** Held here: a function counter holds what it reads only weakly. */
    private final TokenCounts counts;

    Enrolment(Backend backend) {
      incarnation = backend.incarnation();
      InstanceId id = backend.id();
      String tag = id.toString();
      counts = backend.load().tokens();
      for (TokenSource source : TokenSource.values()) {
        for (boolean prompt : new boolean[] {true, false}) {
          meters.add(
              FunctionCounter.builder(TOKENS, counts, c -> c.tally().count(prompt, source))
                  .description(
                      "Tokens a backend served: source=usage as its engine reported them,"
                          + " source=estimate counted from stream content events without usage")
                  .tags(
                      "backend",
                      tag,
                      "kind",
                      prompt ? "prompt" : "completion",
                      "source",
                      source.label())
                  .register(registry));
        }
      }
      meters.add(
          Gauge.builder(
                  BACKEND_COST,
                  TokenMetrics.this,
                  metrics -> metrics.cost(id).map(TokenCost::dollars).orElse(0.0))
              .description("What vast.ai billed a backend while enrolled, idle time included")
              .baseUnit("dollars")
              .tag("backend", tag)
              .strongReference(true)
              .register(registry));
      meters.add(
          Gauge.builder(
                  BACKEND_PER_MILLION,
                  TokenMetrics.this,
                  metrics ->
                      metrics
                          .cost(id)
                          .map(cost -> orNaN(cost.dollarsPerMillionTokens()))
                          .orElse(Double.NaN))
              .description("A backend's dollars per million tokens served (NaN before any token)")
              .tag("backend", tag)
              .strongReference(true)
              .register(registry));
    }
  }
}
