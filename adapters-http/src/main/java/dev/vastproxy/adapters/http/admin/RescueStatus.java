package dev.vastproxy.adapters.http.admin;

import dev.vastproxy.domain.backend.RescueCounts;

/**
 * What the proxy did for requests and streams an instance (or the whole fleet, since start) failed,
 * in the status JSON.
 *
 * @param retriedBeforeFirstByte requests sent to another instance before their answer began
 * @param resumed broken streams another instance continued
 * @param notResumable broken streams that ended with an error event
 * @param resumeFailed continuations that failed before their answer began (counted against the
 *     instance asked to continue)
 */
public record RescueStatus(
    long retriedBeforeFirstByte, long resumed, long notResumable, long resumeFailed) {

  /** The status of some counts. */
  public static RescueStatus of(RescueCounts counts) {
    return new RescueStatus(
        counts.retriedBeforeFirstByte(),
        counts.resumed(),
        counts.notResumable(),
        counts.resumeFailed());
  }
}
