package dev.vastproxy.domain.routing;

import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.BackendLoad;
import dev.vastproxy.domain.load.EngineSignals;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Takes the member where a new request should finish soonest: the requests it holds (its engine's
 * reported queue and running requests plus those this proxy sent since that reading, or this
 * proxy's own in-flight count without a fresh reading) plus this one, times its measured mean
 * request time, shared over the slots its engine was seen to run at once. A small or slow engine
 * thus gets a smaller share, a burst between two readings spreads out, and a second proxy's traffic
 * shows in the engines' reports. Slow outliers are left out but for a probe share of requests, so
 * they are measured again and come back when they are in line. Ties are broken at random.
 * Allocation-free: one pass over the group.
 */
public final class LeastLoadPolicy implements SelectionPolicy {
  /** The setting's name. */
  public static final String NAME = "least-load";

  /** The share of requests that also consider slow outliers, so that they are measured again. */
  public static final double PROBE_SHARE = 0.02;

  @Override
  public Backend choose(RouteGroup group) {
    Policies.requireMembers(group);
    int size = group.size();
    if (size == 1) {
      return group.get(0);
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    boolean skipOutliers = random.nextDouble() >= PROBE_SHARE && !allOutliers(group);
    double fallbackCost = fallbackCost(group);
    Backend best = null;
    double bestScore = Double.MAX_VALUE;
    int ties = 0;
    for (int i = 0; i < size; i++) {
      Backend candidate = group.get(i);
      EngineSignals signals = candidate.load().signals();
      if (skipOutliers && signals.outlier()) {
        continue;
      }
      double score = score(candidate.load(), fallbackCost);
      if (score < bestScore) {
        best = candidate;
        bestScore = score;
        ties = 1;
      } else if (score == bestScore && random.nextInt(++ties) == 0) {
        best = candidate;
      }
    }
    return best;
  }

  /**
   * The expected time one more request would take on a backend: lower is better. The requests it
   * holds and this one share the engine's {@link EngineSignals#slots() slots}, each taking the
   * engine's request time {@code T}: {@code T × (holds + 1) / slots}. Without a reading (or before
   * the slots are known) the engine counts as one slot: {@code T × (holds + 1)}.
   */
  static double score(BackendLoad load, double fallbackCost) {
    EngineSignals signals = load.signals();
    long reported = signals.reportedLoad(load.started());
    long holds = reported >= 0 ? reported : load.inFlight();
    int slots = reported >= 0 ? Math.max(1, signals.slots()) : 1;
    double cost =
        signals.speed().requestSamples() > 0 ? signals.speed().requestNanos() : fallbackCost;
    return Math.max(cost, 1.0) * (holds + 1) / slots;
  }

  /**
   * The cost assumed for a member not measured yet: the fastest measured member's, so a new backend
   * is tried rather than starved; 1 when nothing is measured (then only load counts).
   */
  private static double fallbackCost(RouteGroup group) {
    double fastest = Double.MAX_VALUE;
    for (int i = 0; i < group.size(); i++) {
      EngineSignals signals = group.get(i).load().signals();
      if (signals.speed().requestSamples() > 0) {
        fastest = Math.min(fastest, signals.speed().requestNanos());
      }
    }
    return fastest == Double.MAX_VALUE ? 1.0 : fastest;
  }

  private static boolean allOutliers(RouteGroup group) {
    for (int i = 0; i < group.size(); i++) {
      if (!group.get(i).load().signals().outlier()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String name() {
    return NAME;
  }
}
