package dev.vastproxy.domain.routing;

import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.BackendLoad;
import dev.vastproxy.domain.load.EngineSignals;
import dev.vastproxy.domain.load.LoadReading;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Takes the member where a new request should finish soonest: the requests it holds (its engine's
 * reported queue and running requests plus those this proxy sent since that reading, or this
 * proxy's own in-flight count without a fresh reading) plus this one, times its cost ({@link
 * CostBasis}: the engine's time per token once known), shared over the slots its engine was seen to
 * run at once. A small or slow engine thus gets a smaller share, a burst between two readings
 * spreads out, and a second proxy's traffic shows in the engines' reports. Slow outliers are left
 * out but for a probe share of requests, so they are measured again and come back when they are in
 * line. Ties are broken at random. Allocation-free: a few passes over the group.
 */
public final class LeastLoadPolicy implements SelectionPolicy {
  /** The setting's name. */
  public static final String NAME = "least-load";

  /** The share of requests that also consider slow outliers, so that they are measured again. */
  public static final double PROBE_SHARE = 0.02;

  /**
   * The most senders per own request assumed: a proxy that has just started, with one request in
   * flight among many of others', must not count its sends as dozens.
   */
  static final double MOST_SENDERS_PER_OWN = 8;

  @Override
  public Backend choose(RouteGroup group) {
    Policies.requireMembers(group);
    int size = group.size();
    if (size == 1) {
      return group.get(0);
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    boolean skipOutliers = random.nextDouble() >= PROBE_SHARE && !allOutliers(group);
    CostBasis basis = CostBasis.of(group);
    EngineSignals reference = basis.fastest(group);
    double sendersPerOwn = sendersPerOwn(group);
    boolean slotsCount = anySeenFull(group);
    Backend best = null;
    double bestScore = Double.MAX_VALUE;
    int ties = 0;
    for (int i = 0; i < size; i++) {
      Backend candidate = group.get(i);
      EngineSignals signals = candidate.load().signals();
      if (skipOutliers && signals.outlier()) {
        continue;
      }
      double score =
          score(candidate.load(), sendersPerOwn, basis.cost(signals, reference), slotsCount);
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
   * engine's {@code cost} (see {@link CostBasis}): {@code cost × (holds + 1) / slots}. Without a
   * reading, or while {@code slotsCount} is false, the engine counts as one slot: {@code cost ×
   * (holds + 1)}.
   *
   * @param slotsCount whether slots count: some member of the group was seen full, so engines'
   *     limits differ and matter. Until then every engine counts as one slot, because the most an
   *     engine ran grows with the share it was given: counted, it would win more share the more it
   *     had, and of alike engines that never queue one would take nearly all (measured: 70 % of
   *     three).
   */
  static double score(BackendLoad load, double sendersPerOwn, double cost, boolean slotsCount) {
    EngineSignals signals = load.signals();
    double reported = signals.reportedLoad(load.started(), sendersPerOwn);
    double holds = reported >= 0 ? reported : load.inFlight();
    int slots = reported >= 0 && slotsCount ? Math.max(1, signals.slots()) : 1;
    return Math.max(cost, 1.0) * (holds + 1) / slots;
  }

  private static boolean anySeenFull(RouteGroup group) {
    for (int i = 0; i < group.size(); i++) {
      if (group.get(i).load().signals().seenFull()) {
        return true;
      }
    }
    return false;
  }

  /**
   * How many requests all senders (other replicas of this proxy, anyone else) send the group for
   * each one this proxy sends: what the engines last reported holding over what this proxy had in
   * flight on them then, at least 1 and at most {@link #MOST_SENDERS_PER_OWN}; 1 when this proxy
   * had nothing in flight. Between two readings a replica sees only its own sends; counting each as
   * this many keeps two replicas from both filling the same engine in the same second.
   */
  static double sendersPerOwn(RouteGroup group) {
    long reported = 0;
    long own = 0;
    for (int i = 0; i < group.size(); i++) {
      LoadReading reading = group.get(i).load().signals().latest();
      if (reading != null) {
        reported += reading.report().requests();
        own += reading.ownInFlight();
      }
    }
    if (own == 0) {
      return 1;
    }
    return Math.min(MOST_SENDERS_PER_OWN, Math.max(1.0, (double) reported / own));
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
