package dev.vastproxy.adapters.http.metrics;

import dev.vastproxy.adapters.http.proxy.ProxyObserver.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The request meters of one backend, created on first use per status and then looked up by array
 * index, so that recording a request allocates nothing.
 */
final class BackendRequestMeters {
  static final String REQUESTS = "vastproxy.requests";
  static final String DURATION = "vastproxy.request.duration";
  static final String FIRST_BYTE = "vastproxy.request.first.byte";
  static final String SENDS = "vastproxy.backend.sends";
  static final String RETRIES = "vastproxy.retries.before.first.byte";
  static final String RESUMES = "vastproxy.stream.resumes";
  static final String NOT_RESUMABLE = "vastproxy.stream.not.resumable";

  /** Status codes 100 to 599 index themselves; anything else shares slot 0. */
  private static final int STATUS_SLOTS = 600;

  private static final Outcome[] OUTCOMES = Outcome.values();
  private static final String[] OUTCOME_TAGS = new String[OUTCOMES.length];

  /** From a fast local answer to a long generation; LLM requests can run for minutes. */
  private static final Duration[] DURATION_BUCKETS = {
    Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
    Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
    Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
    Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(300),
        Duration.ofSeconds(600)
  };

  /** Time to first byte: queueing and prefill, seconds at most in a healthy fleet. */
  private static final Duration[] FIRST_BYTE_BUCKETS = {
    Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
    Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
    Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
    Duration.ofSeconds(60)
  };

  static {
    for (Outcome outcome : OUTCOMES) {
      OUTCOME_TAGS[outcome.ordinal()] = outcome.name().toLowerCase(Locale.ROOT);
    }
  }

  private final MeterRegistry registry;
  private final String backend;
  private final AtomicReferenceArray<Timer> firstByte = new AtomicReferenceArray<>(STATUS_SLOTS);
  private final AtomicReferenceArray<Timer> duration = new AtomicReferenceArray<>(STATUS_SLOTS);
  private final AtomicReferenceArray<Counter> ended =
      new AtomicReferenceArray<>(STATUS_SLOTS * OUTCOMES.length);
  private volatile Counter sends;
  private volatile Counter retries;
  private volatile Counter resumes;
  private volatile Counter notResumable;

  /**
   * @param backend the {@code backend} tag: an instance id, or {@code none}
   */
  BackendRequestMeters(MeterRegistry registry, String backend) {
    this.registry = registry;
    this.backend = backend;
  }

  /** The time-to-first-byte timer for a status. */
  Timer firstByte(int status) {
    return timer(
        firstByte,
        status,
        FIRST_BYTE,
        "Time from a request's arrival to its backend's response headers",
        FIRST_BYTE_BUCKETS);
  }

  /** The request duration timer for a status. */
  Timer duration(int status) {
    return timer(
        duration,
        status,
        DURATION,
        "Time from a request's arrival to its end, however it ended",
        DURATION_BUCKETS);
  }

  private Timer timer(
      AtomicReferenceArray<Timer> timers,
      int status,
      String name,
      String description,
      Duration[] buckets) {
    int slot = slot(status);
    Timer timer = timers.get(slot);
    if (timer == null) {
      timer =
          Timer.builder(name)
              .description(description)
              .tags("backend", backend, "status", statusTag(slot))
              .serviceLevelObjectives(buckets)
              .register(registry);
      timers.set(slot, timer);
    }
    return timer;
  }

  /** The counter of requests that ended with a status and an outcome. */
  Counter ended(int status, Outcome outcome) {
    int slot = slot(status);
    int index = slot * OUTCOMES.length + outcome.ordinal();
    Counter counter = ended.get(index);
    if (counter == null) {
      counter =
          Counter.builder(REQUESTS)
              .description("Proxied requests that ended, by backend, status and outcome")
              .tags(
                  "backend",
                  backend,
                  "status",
                  statusTag(slot),
                  "outcome",
                  OUTCOME_TAGS[outcome.ordinal()])
              .register(registry);
      ended.set(index, counter);
    }
    return counter;
  }

  /** The counter of requests written to the backend, every send of one counted. */
  Counter sends() {
    if (sends == null) {
      sends = counter(SENDS, "Requests sent to a backend; a request sent twice counts twice");
    }
    return sends;
  }

  /** The counter of requests this backend failed before answering that went to another. */
  Counter retries() {
    if (retries == null) {
      retries =
          counter(RETRIES, "Requests a backend failed before answering, sent to another backend");
    }
    return retries;
  }

  /** The counter of streams that broke on this backend and were continued on another. */
  Counter resumes() {
    if (resumes == null) {
      resumes = counter(RESUMES, "Streams that broke on a backend and another continued");
    }
    return resumes;
  }

  /** The counter of streams that broke on this backend and ended with an error event. */
  Counter notResumable() {
    if (notResumable == null) {
      notResumable =
          counter(NOT_RESUMABLE, "Streams that broke on a backend and could not be continued");
    }
    return notResumable;
  }

  private Counter counter(String name, String description) {
    return Counter.builder(name)
        .description(description)
        .tags("backend", backend)
        .register(registry);
  }

  /** Takes every meter created here out of the registry. */
  void remove() {
    for (Counter counter : new Counter[] {sends, retries, resumes, notResumable}) {
      if (counter != null) {
        registry.remove(counter);
      }
    }
    sends = null;
    retries = null;
    resumes = null;
    notResumable = null;
    removeAll(firstByte);
    removeAll(duration);
    removeAll(ended);
  }

  private <M extends Meter> void removeAll(AtomicReferenceArray<M> meters) {
    for (int i = 0; i < meters.length(); i++) {
      M meter = meters.getAndSet(i, null);
      if (meter != null) {
        registry.remove(meter);
      }
    }
  }

  private static int slot(int status) {
    return status >= 100 && status < STATUS_SLOTS ? status : 0;
  }

  private static String statusTag(int slot) {
    return slot == 0 ? "other" : Integer.toString(slot);
  }
}
