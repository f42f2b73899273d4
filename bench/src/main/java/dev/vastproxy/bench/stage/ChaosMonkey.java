package dev.vastproxy.bench.stage;

import dev.vastproxy.bench.targets.MockFleet;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Kills engines of the mock fleet mid-stream and brings them back, at random (from a seed, so that
 * every target faces the same schedule), never all of them at once: each engine stays up for a
 * random while, then down for a random while. Runs on its own thread until closed.
 */
final class ChaosMonkey implements AutoCloseable {
  private static final long TICK_MILLIS = 20;

  private final MockFleet fleet;
  private final RandomGenerator random;
  private final Duration minUp;
  private final Duration maxUp;
  private final Duration minDown;
  private final Duration maxDown;
  private final Thread thread;
  private volatile boolean running = true;
  private int crashes;

  ChaosMonkey(
      MockFleet fleet,
      long seed,
      Duration minUp,
      Duration maxUp,
      Duration minDown,
      Duration maxDown) {
    this.fleet = fleet;
    this.random = new SplittableRandom(seed);
    this.minUp = minUp;
    this.maxUp = maxUp;
    this.minDown = minDown;
    this.maxDown = maxDown;
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
    long now = System.nanoTime();
    for (int i = 0; i < size; i++) {
      next[i] = now + between(minUp, maxUp);
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
          next[i] = now + between(minUp, maxUp);
        } else if (upCount(down) > 1) {
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

  private static int upCount(boolean[] down) {
    int up = 0;
    for (boolean d : down) {
      if (!d) {
        up++;
      }
    }
    return up;
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
