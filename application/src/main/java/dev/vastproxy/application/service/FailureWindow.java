package dev.vastproxy.application.service;

import dev.vastproxy.domain.instance.InstanceId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts request failures per backend over a sliding window, so that one request that makes an
 * engine drop its connection cannot eject it, while an engine that fails request after request is
 * taken out. Each report is one request's failure; an answered request in between clears the count,
 * so poisonous requests among good ones never add up.
 */
final class FailureWindow {
  /** Failures of different requests within the window that eject a backend. */
  static final int THRESHOLD = 3;

  /** How far back failures count. */
  static final Duration WINDOW = Duration.ofSeconds(60);

  private final Map<InstanceId, Deque<Instant>> recent = new ConcurrentHashMap<>();

  /** Counts one failure at {@code now}; true when the backend has now failed often enough. */
  boolean countAndCheck(InstanceId id, Instant now) {
    Deque<Instant> failures = recent.computeIfAbsent(id, key -> new ArrayDeque<>());
    synchronized (failures) {
      Instant horizon = now.minus(WINDOW);
      while (!failures.isEmpty() && failures.peekFirst().isBefore(horizon)) {
        failures.pollFirst();
      }
      failures.addLast(now);
      if (failures.size() >= THRESHOLD) {
        failures.clear();
        return true;
      }
      return false;
    }
  }

  /** Forgets a backend's failures (it answered a request, or was taken out). */
  void forget(InstanceId id) {
    if (!recent.isEmpty()) {
      recent.remove(id);
    }
  }
}
