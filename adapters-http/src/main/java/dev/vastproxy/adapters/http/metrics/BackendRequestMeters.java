package dev.vastproxy.adapters.http.metrics;

import dev.vastproxy.adapters.http.relay.EndpointKind;
import dev.vastproxy.adapters.http.relay.RequestFacts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The request meters of one backend: its sends, and {@link RouteMeters} per model it served,
 * endpoint kind and delivery, created on first use and then found by a map lookup on the model and
 * an array index, so that recording a request allocates nothing.
 */
final class BackendRequestMeters {
  static final String SENDS = "vastproxy.backend.sends";
  static final String RETRIES = "vastproxy.retries.before.first.byte";
  static final String RESUMES = "vastproxy.stream.resumes";
  static final String NOT_RESUMABLE = "vastproxy.stream.not.resumable";
  static final String RESUME_FAILED = "vastproxy.stream.resume.failed";

  /** The {@code model} label of a request that named no model the backend serves. */
  static final String NO_MODEL = "none";

  private static final EndpointKind[] KINDS = EndpointKind.values();
  private static final RequestFacts.Delivery[] DELIVERIES = RequestFacts.Delivery.values();

  private final MeterRegistry registry;
  private final String backend;
  private final ConcurrentHashMap<String, AtomicReferenceArray<RouteMeters>> byModel =
      new ConcurrentHashMap<>();
  private volatile Counter sends;
  private volatile Counter retries;
  private volatile Counter resumes;
  private volatile Counter notResumable;
  private volatile Counter resumeFailed;

  /**
   * @param backend the {@code backend} tag: an instance id, or {@code none}
   */
  BackendRequestMeters(MeterRegistry registry, String backend) {
    this.registry = registry;
    this.backend = backend;
  }

  /** The meters of requests with these facts. */
  RouteMeters route(RequestFacts facts) {
    String model = facts.model().orElse(NO_MODEL);
    AtomicReferenceArray<RouteMeters> routes = byModel.get(model);
    if (routes == null) {
      routes =
          byModel.computeIfAbsent(
              model, key -> new AtomicReferenceArray<>(KINDS.length * DELIVERIES.length));
    }
    int index = facts.endpoint().ordinal() * DELIVERIES.length + facts.delivery().ordinal();
    RouteMeters meters = routes.get(index);
    if (meters == null) {
      synchronized (routes) {
        meters = routes.get(index);
        if (meters == null) {
          meters =
              new RouteMeters(
                  registry,
                  Tags.of("backend", backend, "model", model, "endpoint", facts.endpoint().label()),
                  facts.delivery());
          routes.set(index, meters);
        }
      }
    }
    return meters;
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

  /** The counter of continuations this backend was asked for and failed before answering. */
  Counter resumeFailed() {
    if (resumeFailed == null) {
      resumeFailed =
          counter(
              RESUME_FAILED,
              "Broken streams a backend was asked to continue and failed before answering");
    }
    return resumeFailed;
  }

  private Counter counter(String name, String description) {
    return Counter.builder(name)
        .description(description)
        .tags("backend", backend)
        .register(registry);
  }

  /** Takes every meter created here out of the registry. */
  void remove() {
    for (Counter counter : new Counter[] {sends, retries, resumes, notResumable, resumeFailed}) {
      if (counter != null) {
        registry.remove(counter);
      }
    }
    sends = null;
    retries = null;
    resumes = null;
    notResumable = null;
    resumeFailed = null;
    for (AtomicReferenceArray<RouteMeters> routes : byModel.values()) {
      for (int i = 0; i < routes.length(); i++) {
        RouteMeters meters = routes.getAndSet(i, null);
        if (meters != null) {
          meters.remove();
        }
      }
    }
    byModel.clear();
  }
}
