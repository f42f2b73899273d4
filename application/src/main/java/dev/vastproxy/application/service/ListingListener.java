package dev.vastproxy.application.service;

import dev.vastproxy.domain.fleet.FleetSnapshot;
import java.time.Instant;

/** Told of every successful vast.ai listing, once the fleet has been reconciled with it. */
@FunctionalInterface
public interface ListingListener {

  /**
   * Called on the polling thread after each listing that succeeded, even when it changed nothing: a
   * listener that checks a level (such as labels) must hear of every poll, not only of changes.
   * Must return quickly.
   *
   * @param fleet the fleet after the listing
   * @param requested when the listing was asked for: vast.ai state written before this shows in it
   */
  void listed(FleetSnapshot fleet, Instant requested);
}
