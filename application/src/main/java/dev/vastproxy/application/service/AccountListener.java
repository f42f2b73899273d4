package dev.vastproxy.application.service;

import dev.vastproxy.domain.instance.Instance;
import java.time.Instant;
import java.util.List;

/** Told of every instance a successful vast.ai listing named, selected or not, running or not. */
@FunctionalInterface
public interface AccountListener {

  /**
   * Called on the polling thread after each successful listing, before the fleet is reconciled with
   * it. Must return quickly.
   *
   * @param listed every readable row of the account
   * @param at when the listing was asked for: a change made before then shows in it
   */
  void accountListed(List<Instance> listed, Instant at);
}
