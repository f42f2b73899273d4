package dev.vastproxy.adapters.http.admin;

import dev.vastproxy.adapters.http.front.ReplicaState;
import dev.vastproxy.application.port.in.FleetView;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.BackendState;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The body of {@code GET /vastproxy/status}: fleet figures and every enrolled instance.
 *
 * @param replica the name of the replica that answers (several may serve one fleet)
 * @param draining whether that replica is stopping
 * @param at when the view was taken, ISO-8601
 * @param version the fleet snapshot's version; higher means newer
 * @param backendCount enrolled backends, whatever their state
 * @param healthyCount backends in state HEALTHY
 * @param inFlight requests being served now, across the fleet
 * @param held requests held in the waiting room now: no instance could take them yet
 * @param queued requests the engines report queued, across the fleet
 * @param requestsPerSecond requests routed per second, recently
 * @param stickyShare the share of the last five minutes' requests that were sticky; null before any
 *     request
 * @param dollarsPerHour the fleet's cost per hour
 * @param cost the tokens the fleet served and what they cost, every enrolled instance together
 * @param discoveryProblem why discovery is failing, or null while it works
 * @param rescues the fleet's retries before the first byte and stream resumes since start
 * @param instances the backends, by id
 * @param idleAction what the idle guard does with an idle instance: none, stop or destroy
 * @param others the instances the account lists that are not enrolled, with why, by id
 */
public record FleetStatus(
    String replica,
    boolean draining,
    String at,
    long version,
    int backendCount,
    int healthyCount,
    int inFlight,
    int held,
    int queued,
    double requestsPerSecond,
    Double stickyShare,
    double dollarsPerHour,
    CostStatus cost,
    DiscoveryStatus discoveryProblem,
    RescueStatus rescues,
    List<InstanceStatus> instances,
    String idleAction,
    List<OtherInstanceStatus> others) {

  public FleetStatus {
    Objects.requireNonNull(replica, "replica");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(rescues, "rescues");
    instances = List.copyOf(instances);
    Objects.requireNonNull(idleAction, "idleAction");
    others = List.copyOf(others);
  }

  /** The status of a fleet view, as the given replica answers it. */
  public static FleetStatus of(FleetView view, ReplicaState replica) {
    List<Backend> backends = view.fleet().backends();
    int healthy = 0;
    for (Backend backend : backends) {
      if (backend.state() == BackendState.HEALTHY) {
        healthy++;
      }
    }
    OptionalDouble sticky = view.traffic().stickyShare();
    return new FleetStatus(
        replica.name(),
        replica.draining(),
        view.at().toString(),
        view.fleet().version(),
        backends.size(),
        healthy,
        view.traffic().inFlight(),
        view.traffic().held(),
        view.queued(),
        view.traffic().requestsPerSecond(),
        sticky.isPresent() ? sticky.getAsDouble() : null,
        // Summing prices gives float noise (1.9200000000000002); cents of cents suffice.
        Math.round(view.dollarsPerHour() * 10_000) / 10_000.0,
        CostStatus.of(view.cost()),
        view.fleet().problem().map(problem -> DiscoveryStatus.of(problem, view.at())).orElse(null),
        RescueStatus.of(view.traffic().rescues()),
        backends.stream()
            .map(backend -> InstanceStatus.of(backend, view.at(), view.guard().of(backend.id())))
            .toList(),
        view.guard().idleAction().text(),
        view.guard().others().stream().map(g -> OtherInstanceStatus.of(g, view.at())).toList());
  }
}
