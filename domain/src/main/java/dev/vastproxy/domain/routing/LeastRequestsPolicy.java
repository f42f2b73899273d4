package dev.vastproxy.domain.routing;

import dev.vastproxy.domain.backend.Backend;

/** Takes the member with the fewest requests in flight; ties go round-robin. */
public final class LeastRequestsPolicy implements SelectionPolicy {
  /** The setting's name. */
  public static final String NAME = "least-requests";

  @Override
  public Backend choose(RouteGroup group) {
    Policies.requireMembers(group);
    int size = group.size();
    int start = group.nextPosition();
    Backend best = group.get(start);
    int bestLoad = best.load().inFlight();
    for (int step = 1; step < size && bestLoad > 0; step++) {
      Backend candidate = group.get((start + step) % size);
      int load = candidate.load().inFlight();
      if (load < bestLoad) {
        best = candidate;
        bestLoad = load;
      }
    }
    return best;
  }

  @Override
  public String name() {
    return NAME;
  }
}
