package dev.vastproxy.application.service;

import dev.vastproxy.application.port.in.GuardView;
import dev.vastproxy.application.port.in.IdleAction;
import dev.vastproxy.application.port.in.IdleCountdown;
import dev.vastproxy.application.port.in.InstanceGuard;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.BackendState;
import dev.vastproxy.domain.fleet.FleetSnapshot;
import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.domain.instance.InstanceId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Builds the money guards' view of the account from the ledger, the idle guard and the waker. */
public final class GuardViews {
  private final InstanceLedger ledger;
  private final Optional<IdleGuardService> idle;
  private final Optional<WakeService> waker;

  public GuardViews(
      InstanceLedger ledger, Optional<IdleGuardService> idle, Optional<WakeService> waker) {
    this.ledger = ledger;
    this.idle = idle;
    this.waker = waker;
  }

  /** The view of a fleet at {@code now}. */
  public GuardView view(FleetSnapshot fleet, Instant now) {
    Map<InstanceId, InstanceGuard> enrolled = new HashMap<>();
    for (Backend backend : fleet.backends()) {
      enrolled.put(backend.id(), enrolledGuard(backend, now));
    }
    List<InstanceGuard> others = new ArrayList<>();
    for (Instance instance : ledger.listed()) {
      // A removed backend takes no requests either: its listing says why (stopped, gone...).
      boolean enrolledAndLive =
          fleet
              .backend(instance.id())
              .map(backend -> backend.state() != BackendState.REMOVING)
              .orElse(false);
      if (!enrolledAndLive) {
        others.add(otherGuard(instance, now));
      }
    }
    return new GuardView(
        enrolled, others, idle.map(IdleGuardService::action).orElse(IdleAction.NONE));
  }

  private InstanceGuard enrolledGuard(Backend backend, Instant now) {
    InstanceId id = backend.id();
    boolean served = ledger.served(id);
    Optional<String> why = Optional.empty();
    if (!backend.isRoutable()) {
      String reason = backend.state().name() + ": " + backend.reason().describe();
      why =
          Optional.of(
              served || backend.state() == BackendState.REMOVING
                  ? reason
                  : "never served a model since the proxy started (never stopped or destroyed by"
                      + " it); "
                      + reason);
    }
    Optional<InstanceLedger.ProxyStop> stop = ledger.proxyStop(id);
    if (stop.isPresent() && !backend.isRoutable()) {
      why = Optional.of(stopped(stop.get()));
    }
    Optional<IdleCountdown> countdown = idle.flatMap(guard -> guard.countdown(id));
    Instance instance = ledger.listed(id).orElse(backend.instance());
    return new InstanceGuard(
        backend.instance(),
        true,
        served,
        why,
        countdown,
        stop.map(InstanceLedger.ProxyStop::at),
        waker.map(w -> w.waking(id)).orElse(false),
        ledger.alerts(instance, now));
  }

  private static String stopped(InstanceLedger.ProxyStop stop) {
    return "stopped by the proxy ("
        + stop.reason()
        + "); the next request for "
        + (stop.models().isEmpty() ? "its model" : String.join(", ", stop.models()))
        + " starts it again";
  }

  private InstanceGuard otherGuard(Instance instance, Instant now) {
    InstanceId id = instance.id();
    boolean selected = ledger.selection().matches(instance);
    Optional<InstanceLedger.ProxyStop> stop = ledger.proxyStop(id);
    boolean waking = waker.map(w -> w.waking(id)).orElse(false);
    String why;
    if (!selected) {
      why = "not selected (VASTPROXY_SELECT=" + ledger.selection() + ")";
    } else if (stop.isPresent() && waking) {
      why = "starting again for a request for " + String.join(", ", stop.get().models());
    } else if (stop.isPresent()) {
      why = stopped(stop.get());
    } else if (instance.isRunning()) {
      why = "stopping (intended_status stopped)";
    } else {
      why =
          "not running (actual_status "
              + (instance.actualStatus().isEmpty() ? "none" : instance.actualStatus())
              + ")";
    }
    return new InstanceGuard(
        instance,
        selected,
        ledger.served(id),
        Optional.of(why),
        Optional.empty(),
        stop.map(InstanceLedger.ProxyStop::at),
        waking,
        selected ? ledger.alerts(instance, now) : Set.of());
  }
}
