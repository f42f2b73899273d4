package dev.vastproxy.application.support;

import dev.vastproxy.application.port.out.ScheduleTaskPort;
import dev.vastproxy.domain.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.PriorityQueue;

/** A scheduler whose time moves only when a test advances it; due tasks run on the test thread. */
public final class ManualScheduler implements ScheduleTaskPort {
  private final MutableClock clock;
  private final PriorityQueue<Task> tasks =
      new PriorityQueue<>(Comparator.comparing(Task::due).thenComparingLong(Task::order));
  private long order;

  public ManualScheduler(MutableClock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Cancellable schedule(Duration delay, Runnable runnable) {
    Task task = new Task(clock.instant().plus(delay), order++, runnable, new boolean[1]);
    tasks.add(task);
    return () -> task.cancelled()[0] = true;
  }

  /** Runs what is due now, including tasks those tasks schedule for now. */
  public void runDue() {
    advance(Duration.ZERO);
  }

  /** Moves time forward, running each task when its time comes, in order. */
  public void advance(Duration duration) {
    Instant end = clock.instant().plus(duration);
    while (true) {
      Task next;
      synchronized (this) {
        next = tasks.peek();
        if (next == null || next.due().isAfter(end)) {
          break;
        }
        tasks.poll();
      }
      if (next.due().isAfter(clock.instant())) {
        clock.advance(Duration.between(clock.instant(), next.due()));
      }
      if (!next.cancelled()[0]) {
        next.runnable().run();
      }
    }
    if (end.isAfter(clock.instant())) {
      clock.advance(Duration.between(clock.instant(), end));
    }
  }

  /** How many tasks wait to run. */
  public synchronized int pending() {
    return (int) tasks.stream().filter(task -> !task.cancelled()[0]).count();
  }

  /** The time until the next pending task, if any. */
  public synchronized Duration untilNext() {
    return tasks.stream()
        .filter(task -> !task.cancelled()[0])
        .map(task -> Duration.between(clock.instant(), task.due()))
        .min(Comparator.naturalOrder())
        .orElseThrow();
  }

  private record Task(Instant due, long order, Runnable runnable, boolean[] cancelled) {}
}
