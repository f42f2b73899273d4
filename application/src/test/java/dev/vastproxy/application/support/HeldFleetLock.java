package dev.vastproxy.application.support;

import dev.vastproxy.domain.fleet.Fleet;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A fleet's lock held by another thread until released: what an IO thread would wait for if it took
 * the lock itself, so a test can show that a caller returns without it.
 */
public final class HeldFleetLock implements AutoCloseable {
  private final CountDownLatch release = new CountDownLatch(1);
  private final ExecutorService holder = Executors.newSingleThreadExecutor();

  private HeldFleetLock() {}

  /** Takes the fleet's lock on another thread; returns once it is held. */
  public static HeldFleetLock on(Fleet fleet, Duration within) throws InterruptedException {
    HeldFleetLock lock = new HeldFleetLock();
    CountDownLatch holding = new CountDownLatch(1);
    lock.holder.execute(
        () ->
            fleet.update(
                f -> {
                  holding.countDown();
                  try {
                    lock.release.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return f;
                }));
    if (!holding.await(within.toNanos(), TimeUnit.NANOSECONDS)) {
      lock.close();
      throw new IllegalStateException("the fleet's lock was not taken within " + within);
    }
    return lock;
  }

  /** Lets go of the lock. */
  @Override
  public void close() {
    release.countDown();
    holder.shutdown();
  }
}
