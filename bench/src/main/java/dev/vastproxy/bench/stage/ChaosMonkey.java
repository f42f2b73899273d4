package dev.vastproxy.bench.stage;

import dev.vastproxy.bench.targets.MockFleet;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Kills engines of the mock fleet mid-stream and brings them back, at random (from a seed, so that
 * every target faces the same schedule): each engine stays up for a random while, then down for a
 * random while; one dies only when every other one has been up for the settling time, as instances
 * of a fleet fail independently, not all at once. Runs on its own thread until closed.
 */
final class ChaosMonkey implements AutoCloseable {
  private static final long TICK_MILLIS = 20;

  private final MockFleet fleet;
  private final RandomGenerator random;
  private final Duration minUp;
  private final Duration maxUp;
  private final Duration minDown;
  private final Duration maxDown;
  private final Duration settle;
  private final Thread thread;
  private volatile boolean running = true;
  private int crashes;

  ChaosMonkey(
      MockFleet fleet,
      long seed,
      Duration minUp,
      Duration maxUp,
      Duration minDown,
      Duration maxDown,
      Duration settle) {
    this.fleet = fleet;
    this.random = new SplittableRandom(seed);
    this.minUp = minUp;
    this.maxUp = maxUp;
    this.minDown = minDown;
    this.maxDown = maxDown;
    this.settle = settle;
    this.thread = new Thread(this::loop, "bench-chaos");
    this.thread.setDaemon(true);
  }

  /** Starts killing. */
  ChaosMonkey start() {
    thread.start();
    return this;
  }

  /** How many times an engine was killed (read after {@link #close()}). */
  int crashes() {
    return crashes;
  }

  private void loop() {
    int size = fleet.size();
    boolean[] down = new boolean[size];
    long[] next = new long[size];
    long[] since = new long[size];
    long now = System.nanoTime();
    for (int i = 0; i < size; i++) {
      next[i] = now + between(minUp, maxUp);
      since[i] = now - settle.toNanos();
    }
    while (running) {
      now = System.nanoTime();
      for (int i = 0; i < size; i++) {
        if (now - next[i] < 0) {
          continue;
        }
        if (down[i]) {
          fleet.restart(i);
          down[i] = false;
          since[i] = now;
          next[i] = now + between(minUp, maxUp);
        } else if (othersSettled(down, since, i, now)) {
          fleet.crash(i);
          crashes++;
          down[i] = true;
          next[i] = now + between(minDown, maxDown);
        } else {
          next[i] = now + between(minDown, maxDown);
        }
      }
      try {
        Thread.sleep(TICK_MILLIS);
      } catch (InterruptedException e) {
        break; // closing: bring the dead back below
      }
    }
    for (int i = 0; i < size; i++) {
      if (down[i]) {
        fleet.restart(i);
      }
    }
  }

  /** Whether every other engine is up and has been for the settling time. */
  private boolean othersSettled(boolean[] down, long[] since, int which, long now) {
    for (int i = 0; i < down.length; i++) {
      if (i != which && (down[i] || now - since[i] < settle.toNanos())) {
        return false;
      }
    }
    return true;
  }

  private long between(Duration least, Duration most) {
    return least.toNanos() + (long) (random.nextDouble() * (most.toNanos() - least.toNanos()));
  }

  /** Stops killing and brings every engine back. */
  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
