package dev.vastproxy.application.service;

import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.fleet.FleetListener;
import dev.vastproxy.domain.fleet.FleetSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The models the fleet serves or served lately, healthy or not: a request for one of them when no
 * healthy backend serves it is a passing outage (503, retry later), not an unknown model (404).
 */
public final class KnownModels implements FleetListener {
  /** How long a model is remembered after the last backend that served it left the fleet. */
  static final Duration MEMORY = Duration.ofMinutes(10);

  /** Bounds the memory against a fleet that cycles through endless model names. */
  private static final int MAX_REMEMBERED = 1024;

  private final Clock clock;
  private final Map<String, Instant> departed = new ConcurrentHashMap<>();

  public KnownModels(Clock clock) {
    this.clock = clock;
  }

  /** Whether a backend of the fleet serves the model now, or one that left served it lately. */
  boolean knows(FleetSnapshot fleet, String model) {
    for (Backend backend : fleet.backends()) {
      if (backend.serves(model)) {
        return true;
      }
    }
    Instant left = departed.get(model);
    return left != null && left.plus(MEMORY).isAfter(clock.instant());
  }

  /** Keeps a model known for the memory time from now, though nothing enrolled serves it. */
  public void remember(String model) {
    departed.put(model, clock.instant());
  }

  @Override
  public void fleetChanged(FleetSnapshot before, FleetSnapshot after) {
    Instant now = clock.instant();
    Set<String> remaining = null;
    for (Backend backend : before.backends()) {
      if (after.backend(backend.id()).isEmpty()) {
        if (remaining == null) {
          remaining =
              after.backends().stream()
                  .flatMap(b -> b.models().stream())
                  .collect(Collectors.toSet());
        }
        for (String model : backend.models()) {
          if (!remaining.contains(model)) {
            departed.put(model, now);
          }
        }
      }
    }
    if (departed.size() > MAX_REMEMBERED) {
      departed.entrySet().removeIf(entry -> entry.getValue().plus(MEMORY).isBefore(now));
    }
  }
}
