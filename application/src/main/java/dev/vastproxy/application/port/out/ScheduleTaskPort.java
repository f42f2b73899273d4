package dev.vastproxy.application.port.out;

import java.time.Duration;

/** Runs a task once after a delay. Tests drive it by hand instead of sleeping. */
public interface ScheduleTaskPort {

  /**
   * Schedules a task; it must return quickly (blocking work goes to an executor).
   *
   * @return a handle that cancels the task if it has not run yet
   */
  Cancellable schedule(Duration delay, Runnable task);

  /** Cancels a scheduled task. */
  @FunctionalInterface
  interface Cancellable {
    /** Cancels the task if it has not started. */
    void cancel();
  }
}
