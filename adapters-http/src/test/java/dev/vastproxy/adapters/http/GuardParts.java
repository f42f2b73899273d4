package dev.vastproxy.adapters.http;

import dev.vastproxy.application.port.out.InstanceListing;
import dev.vastproxy.application.port.out.ListInstancesPort;
import dev.vastproxy.application.service.InstanceLedger;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.instance.InstanceSelection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The money guards' parts for proxies under test: a ledger that follows a fleet, an empty list. */
public final class GuardParts {
  private GuardParts() {}

  /** A ledger that knows what the fleet served so far and hears of what it serves later. */
  public static InstanceLedger ledgerOf(Fleet fleet) {
    InstanceLedger ledger = new InstanceLedger(InstanceSelection.all(), Clock.systemUTC());
    fleet.addListener(ledger);
    ledger.fleetChanged(fleet.snapshot(), fleet.snapshot());
    return ledger;
  }

  /** An account that lists nothing: every destroy checks out. */
  public static ListInstancesPort emptyAccount() {
    return new ListInstancesPort() {
      @Override
      public InstanceListing listInstances() {
        return new InstanceListing(List.of(), List.of());
      }

      @Override
      public Duration answerTimeout() {
        return Duration.ofSeconds(30);
      }
    };
  }
}
