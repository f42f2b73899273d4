package dev.vastproxy.domain.routing;

import dev.vastproxy.domain.backend.Backend;
import java.util.concurrent.ThreadLocalRandom;

/** Draws two distinct members at random and takes the one with fewer requests in flight. */
public final class PowerOfTwoPolicy implements SelectionPolicy {
  /** The setting's name. */
  public static final String NAME = "power-of-two";

  @Override
  public Backend choose(RouteGroup group) {
    Policies.requireMembers(group);
    int size = group.size();
    if (size == 1) {
      return group.get(0);
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int first = random.nextInt(size);
    int second = random.nextInt(size - 1);
    if (second >= first) {
      second++;
    }
    Backend a = group.get(first);
    Backend b = group.get(second);
    return b.load().inFlight() < a.load().inFlight() ? b : a;
  }

  @Override
  public String name() {
    return NAME;
  }
}
