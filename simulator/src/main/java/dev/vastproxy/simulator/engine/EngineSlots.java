package dev.vastproxy.simulator.engine;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fake engine's scheduler: up to a number of generations run at once, the rest wait in arrival
 * order and start as running ones end. Also counts generated tokens, for the metrics. A small lock
 * guards the two sets; this is the simulator, not the proxy's request path.
 */
final class EngineSlots {
  private final int capacity;
  private final Set<Object> running = new HashSet<>();
  private final Map<Object, Runnable> waiting = new LinkedHashMap<>();
  private final AtomicLong generatedTokens = new AtomicLong();

  /**
   * @param capacity generations run at once; 0 means no limit
   */
  EngineSlots(int capacity) {
    this.capacity = capacity;
  }

  /**
   * Runs {@code start} now if a slot is free, else when one frees up (on the thread that frees it:
   * {@code start} must hand itself to its own thread).
   */
  void admit(Object generation, Runnable start) {
    synchronized (this) {
      if (capacity > 0 && running.size() >= capacity) {
        waiting.put(generation, start);
        return;
      }
      running.add(generation);
    }
    start.run();
  }

  /** The generation ended, however: its slot (or its place in the queue) goes to the next. */
  void leave(Object generation) {
    Runnable next = null;
    synchronized (this) {
      if (waiting.remove(generation) != null || !running.remove(generation)) {
        return;
      }
      var first = waiting.entrySet().iterator();
      if (first.hasNext()) {
        Map.Entry<Object, Runnable> entry = first.next();
        first.remove();
        running.add(entry.getKey());
        next = entry.getValue();
      }
    }
    if (next != null) {
      next.run();
    }
  }

  /** Counts one generated token. */
  void tokenGenerated() {
    generatedTokens.incrementAndGet();
  }

  /** Generations running now. */
  synchronized int running() {
    return running.size();
  }

  /** Generations waiting for a slot. */
  synchronized int waiting() {
    return waiting.size();
  }

  /** Tokens generated so far. */
  long generatedTokens() {
    return generatedTokens.get();
  }

  /** The share of the KV cache in use: running generations over capacity (64 when unlimited). */
  double cacheUsage() {
    return Math.min(1.0, running() / (double) (capacity > 0 ? capacity : 64));
  }
}
