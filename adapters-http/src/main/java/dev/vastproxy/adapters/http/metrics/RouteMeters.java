package dev.vastproxy.adapters.http.metrics;

import dev.vastproxy.adapters.http.relay.ProxyObserver.Outcome;
import dev.vastproxy.adapters.http.relay.RequestFacts.Delivery;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The meters of one backend, model, endpoint kind and delivery: request duration, time to first
 * token (streams) or time to answer (whole answers), and requests ended by status and outcome,
 * created on first use and then found by array index.
 */
final class RouteMeters {
  static final String REQUESTS = "vastproxy.requests";
  static final String DURATION = "vastproxy.request.duration";
  static final String FIRST_TOKEN = "vastproxy.time.to.first.token";
  static final String ANSWER = "vastproxy.time.to.answer";

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

  /** Time to first token: queueing and prefill, seconds at most in a healthy fleet. */
  private static final Duration[] FIRST_TOKEN_BUCKETS = {
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
  private final Tags tags;
  private final Timer duration;
  private final Timer latency;
  private final AtomicReferenceArray<Counter> ended =
      new AtomicReferenceArray<>(StatusSlots.COUNT * OUTCOMES.length);

  /**
   * @param tags backend, model and endpoint
   */
  RouteMeters(MeterRegistry registry, Tags tags, Delivery delivery) {
    this.registry = registry;
    boolean streamed = delivery == Delivery.STREAMED;
    this.tags = tags.and("stream", Boolean.toString(streamed));
    duration =
        Timer.builder(DURATION)
            .description("Time from a request's arrival to its end, however it ended")
            .tags(this.tags)
            .serviceLevelObjectives(DURATION_BUCKETS)
            .register(registry);
    latency =
        streamed
            ? Timer.builder(FIRST_TOKEN)
                .description(
                    "Streamed requests answered 2xx: time from arrival to the first bytes of the"
                        + " event stream, the first token")
                .tags(tags)
                .serviceLevelObjectives(FIRST_TOKEN_BUCKETS)
                .register(registry)
            : Timer.builder(ANSWER)
                .description(
                    "Requests answered 2xx in one body, in full: time from arrival to the end of"
                        + " the answer")
                .tags(tags)
                .serviceLevelObjectives(DURATION_BUCKETS)
                .register(registry);
  }

  /** The first bytes of a stream arrived. */
  void firstToken(long nanos) {
    latency.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** A request ended. */
  void ended(Delivery delivery, int status, Outcome outcome, long nanos) {
    duration.record(nanos, TimeUnit.NANOSECONDS);
    if (delivery == Delivery.WHOLE && outcome == Outcome.COMPLETED && StatusSlots.success(status)) {
      latency.record(nanos, TimeUnit.NANOSECONDS);
    }
    counter(status, outcome).increment();
  }

  private Counter counter(int status, Outcome outcome) {
    int slot = StatusSlots.slot(status);
    int index = slot * OUTCOMES.length + outcome.ordinal();
    Counter counter = ended.get(index);
    if (counter == null) {
      counter =
          Counter.builder(REQUESTS)
              .description(
                  "Proxied requests that ended, by backend, model, endpoint, stream, status and"
                      + " outcome")
              .tags(tags)
              .tags("status", StatusSlots.label(slot), "outcome", OUTCOME_TAGS[outcome.ordinal()])
              .register(registry);
      ended.set(index, counter);
    }
    return counter;
  }

  /** Takes every meter created here out of the registry. */
  void remove() {
    registry.remove(duration);
    registry.remove(latency);
    for (int i = 0; i < ended.length(); i++) {
      Meter meter = ended.getAndSet(i, null);
      if (meter != null) {
        registry.remove(meter);
      }
    }
  }
}
