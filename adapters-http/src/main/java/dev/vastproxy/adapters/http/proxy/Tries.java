package dev.vastproxy.adapters.http.proxy;

import dev.vastproxy.domain.instance.InstanceId;
import java.util.HashSet;
import java.util.Set;

/**
 * The backends one request has been sent to or failed on, and its retries before the first byte.
 */
final class Tries {
  private final int maxRetries;
  private Set<InstanceId> tried = Set.of();
  private int retries;

  Tries(int maxRetries) {
    this.maxRetries = maxRetries;
  }

  /** The backends tried so far: a request is not sent to them again. */
  Set<InstanceId> tried() {
    return tried;
  }

  /** The backends tried so far and {@code also}. */
  Set<InstanceId> with(InstanceId also) {
    Set<InstanceId> more = new HashSet<>(tried);
    more.add(also);
    return Set.copyOf(more);
  }

  /** Counts a backend as tried. */
  void add(InstanceId backend) {
    tried = with(backend);
  }

  /** Whether another engine may still take the request before its answer began. */
  boolean retryLeft() {
    return retries < maxRetries;
  }

  /** Counts one retry before the first byte. */
  void retried() {
    retries++;
  }
}
