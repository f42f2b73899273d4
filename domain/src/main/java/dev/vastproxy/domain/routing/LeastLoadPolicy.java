package dev.vastproxy.domain.routing;

import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.BackendLoad;
import dev.vastproxy.domain.load.EngineSignals;
import dev.vastproxy.domain.load.LoadReading;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Takes the member where a new request should finish soonest: the requests it holds (its engine's
 * reported queue and running requests plus those this proxy sent since that reading, or this
 * proxy's own in-flight count without a fresh reading) plus this one, times its cost, shared over
 * the slots its engine was seen to run at once. The cost is the engine's time per token from its
 * own readings once any member has one (every replica reads the same figure, whatever requests it
 * happened to send; a member without one counts as the fastest, so it is tried), else this proxy's
 * measured mean request time. A small or slow engine thus gets a smaller share, a burst between two
 * readings spreads out, and a second proxy's traffic shows in the engines' reports. Slow outliers
 * are left out but for a probe share of requests, so they are measured again and come back when
 * they are in line. Ties are broken at random. Allocation-free: a few passes over the group.
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
    double fastestPerToken = fastestPerToken(group);
    boolean perToken = fastestPerToken > 0;
    double fallbackCost = perToken ? fastestPerToken : fallbackCost(group);
    double sendersPerOwn = sendersPerOwn(group);
    Backend best = null;
    double bestScore = Double.MAX_VALUE;
    int ties = 0;
    for (int i = 0; i < size; i++) {
      Backend candidate = group.get(i);
      EngineSignals signals = candidate.load().signals();
      if (skipOutliers && signals.outlier()) {
        continue;
      }
      double score = score(candidate.load(), sendersPerOwn, perToken, fallbackCost);
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
   * engine's cost {@code T}: {@code T × (holds + 1) / slots}. Without a reading (or before the
   * slots are known) the engine counts as one slot: {@code T × (holds + 1)}. {@code T} is the
   * engine's {@link EngineSignals#perTokenNanos() time per token} when {@code perToken}, else the
   * request time this proxy measured ({@code fallbackCost} before either): a mean of whole requests
   * depends on how long the answers were, so a rarely used engine's few samples can make it look
   * many times faster than it is (measured: one replica's first answer from the slow engine was a
   * two-token reply, and that replica flooded it), while the time per token does not.
   */
  static double score(
      BackendLoad load, double sendersPerOwn, boolean perToken, double fallbackCost) {
    EngineSignals signals = load.signals();
    double reported = signals.reportedLoad(load.started(), sendersPerOwn);
    double holds = reported >= 0 ? reported : load.inFlight();
    int slots = reported >= 0 ? Math.max(1, signals.slots()) : 1;
    double cost;
    if (perToken) {
      cost = signals.perTokenNanos() > 0 ? signals.perTokenNanos() : fallbackCost;
    } else {
      cost = signals.speed().requestSamples() > 0 ? signals.speed().requestNanos() : fallbackCost;
    }
    return Math.max(cost, 1.0) * (holds + 1) / slots;
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

  /**
   * The least time per token any member's engine readings show, or 0 when none has one. When one
   * has, times per token are compared (every replica reads the same figures), a member without one
   * counting as the fastest so that it is tried; else the request times this proxy measured.
   */
  private static double fastestPerToken(RouteGroup group) {
    double fastest = Double.MAX_VALUE;
    for (int i = 0; i < group.size(); i++) {
      double perToken = group.get(i).load().signals().perTokenNanos();
      if (perToken > 0) {
        fastest = Math.min(fastest, perToken);
      }
    }
    return fastest == Double.MAX_VALUE ? 0 : fastest;
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
