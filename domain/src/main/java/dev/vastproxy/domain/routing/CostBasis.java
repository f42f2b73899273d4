package dev.vastproxy.domain.routing;

import dev.vastproxy.domain.load.EngineSignals;
import dev.vastproxy.domain.load.RequestSpeed;

/**
 * What {@link LeastLoadPolicy} weighs a request on an engine by: the best figure any member of the
 * group has, so that members are compared alike. Best is the engine's {@link
 * EngineSignals#perTokenNanos() time per token} from its own readings (every replica reads the same
 * figure, whatever requests it happened to send); before any engine has one, the mean request time
 * this proxy measured; before any request has ended, the mean time to the first token (known a few
 * tens of milliseconds after start-up, when a proxy facing a fresh fleet otherwise routes blind and
 * fills the small engine's queue as readily as the big one's slots); else nothing (cost 1, only
 * load counts).
 */
enum CostBasis {
  PER_TOKEN,
  REQUEST_TIME,
  FIRST_TOKEN,
  NONE;

  /** The best basis any member of the group has a figure for. */
  static CostBasis of(RouteGroup group) {
    CostBasis best = NONE;
    for (int i = 0; i < group.size(); i++) {
      EngineSignals signals = group.get(i).load().signals();
      for (CostBasis basis : VALUES) {
        if (basis.ordinal() < best.ordinal() && basis.figure(signals) > 0) {
          best = basis;
        }
      }
    }
    return best;
  }

  private static final CostBasis[] VALUES = values();

  /** The member with the least figure on this basis, or {@code null} for {@link #NONE}. */
  EngineSignals fastest(RouteGroup group) {
    EngineSignals fastest = null;
    double least = Double.MAX_VALUE;
    for (int i = 0; i < group.size(); i++) {
      EngineSignals signals = group.get(i).load().signals();
      double figure = figure(signals);
      if (figure > 0 && figure < least) {
        fastest = signals;
        least = figure;
      }
    }
    return fastest;
  }

  /**
   * A member's cost: its own figure; without one, the {@code fastest} member's figure scaled by how
   * their times to first token compare when both have one (a fair guess until its own figure
   * comes), else the fastest's unscaled, so that an unmeasured member is tried rather than starved.
   */
  double cost(EngineSignals member, EngineSignals fastest) {
    if (fastest == null) {
      return 1;
    }
    double own = figure(member);
    if (own > 0) {
      return own;
    }
    double reference = figure(fastest);
    double memberFirst = FIRST_TOKEN.figure(member);
    double fastestFirst = FIRST_TOKEN.figure(fastest);
    return memberFirst > 0 && fastestFirst > 0 ? reference * memberFirst / fastestFirst : reference;
  }

  /** The member's figure on this basis in nanoseconds, 0 when it has none. */
  double figure(EngineSignals signals) {
    RequestSpeed speed = signals.speed();
    return switch (this) {
      case PER_TOKEN -> signals.perTokenNanos();
      case REQUEST_TIME -> speed.requestSamples() > 0 ? speed.requestNanos() : 0;
      case FIRST_TOKEN -> speed.firstByteSamples() > 0 ? speed.firstByteNanos() : 0;
      case NONE -> 0;
    };
  }
}
