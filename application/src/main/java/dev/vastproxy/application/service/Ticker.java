package dev.vastproxy.application.service;

import dev.vastproxy.application.port.out.ScheduleTaskPort;
import java.lang.System.Logger.Level;
import java.time.Duration;

/** Runs a quick task at a steady period on the scheduler until stopped. */
final class Ticker {
  private static final System.Logger LOG = System.getLogger(Ticker.class.getName());

  private final ScheduleTaskPort scheduler;
  private final Duration period;
  private final Runnable task;
  private volatile boolean running;
  private volatile ScheduleTaskPort.Cancellable next = () -> {};

  Ticker(ScheduleTaskPort scheduler, Duration period, Runnable task) {
    this.scheduler = scheduler;
    this.period = period;
    this.task = task;
  }

  void start() {
    running = true;
    next = scheduler.schedule(Duration.ZERO, this::run);
  }

  void stop() {
    running = false;
    next.cancel();
  }

  private void run() {
    if (!running) {
      return;
    }
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "a periodic fleet task failed; it runs again next period", e);
    }
    if (running) {
      next = scheduler.schedule(period, this::run);
    }
  }
}
