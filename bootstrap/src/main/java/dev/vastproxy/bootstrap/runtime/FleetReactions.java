package dev.vastproxy.bootstrap.runtime;

import dev.vastproxy.application.service.AccountListener;
import dev.vastproxy.application.service.DiscoveryService;
import dev.vastproxy.application.service.ListingListener;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.fleet.FleetListener;
import java.util.List;

/**
 * Who reacts to what the fleet loops learn, each list in the order its members hear of a change:
 * fleet changes, every successful listing, and every instance a listing named. The order is chosen
 * in one place ({@code wiring/LifecycleModule}); this subscribes them, once, before any loop runs.
 */
public final class FleetReactions {
  private final Fleet fleet;
  private final DiscoveryService discovery;
  private final List<FleetListener> onFleetChange;
  private final List<ListingListener> onListing;
  private final List<AccountListener> onAccount;
  private boolean subscribed;

  /**
   * @param onFleetChange told of each fleet change, in this order, on the thread that changed it
   * @param onListing told of each successful listing, in this order, on the polling thread
   * @param onAccount told of every instance each listing named, before the fleet is reconciled
   */
  public FleetReactions(
      Fleet fleet,
      DiscoveryService discovery,
      List<FleetListener> onFleetChange,
      List<ListingListener> onListing,
      List<AccountListener> onAccount) {
    this.fleet = fleet;
    this.discovery = discovery;
    this.onFleetChange = List.copyOf(onFleetChange);
    this.onListing = List.copyOf(onListing);
    this.onAccount = List.copyOf(onAccount);
  }

  /** Subscribes every listener, in order; later calls do nothing. */
  public synchronized void subscribe() {
    if (subscribed) {
      return;
    }
    subscribed = true;
    onFleetChange.forEach(fleet::addListener);
    onAccount.forEach(discovery::addAccountListener);
    onListing.forEach(discovery::addListingListener);
  }

  /** The fleet listeners, in the order they hear of a change. */
  public List<FleetListener> onFleetChange() {
    return onFleetChange;
  }
}
