package dev.vastproxy.adapters.http.tracing;

import dev.vastproxy.adapters.http.relay.EndpointKind;
import dev.vastproxy.adapters.http.relay.ProxyObserver;
import dev.vastproxy.adapters.http.relay.RequestFacts;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.routing.RoutingDecision;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import java.util.Locale;
import java.util.Optional;

/**
 * The span of one proxied request, told what happens to it on the request's IO thread: how routing
 * answered, every send, retry and resume, the first byte, and how it ended, when the span ends. It
 * holds only ids, counts, times and bounded names: never a header, a key or a token.
 */
final class RequestSpan implements ProxyObserver {
  static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
  static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
  static final AttributeKey<String> MODEL = AttributeKey.stringKey("gen_ai.request.model");
  static final AttributeKey<String> ENDPOINT = AttributeKey.stringKey("vastproxy.endpoint");
  static final AttributeKey<Boolean> STREAM = AttributeKey.booleanKey("vastproxy.stream");
  static final AttributeKey<String> ROUTE = AttributeKey.stringKey("vastproxy.route");
  static final AttributeKey<String> INSTANCE = AttributeKey.stringKey("vastproxy.instance.id");
  static final AttributeKey<String> NEXT_INSTANCE =
      AttributeKey.stringKey("vastproxy.next_instance.id");
  static final AttributeKey<Long> ATTEMPTS = AttributeKey.longKey("vastproxy.attempts");
  static final AttributeKey<Long> RETRIES = AttributeKey.longKey("vastproxy.retries");
  static final AttributeKey<Long> RESUMES = AttributeKey.longKey("vastproxy.resumes");
  static final AttributeKey<Double> FIRST_BYTE_MS =
      AttributeKey.doubleKey("vastproxy.time_to_first_byte_ms");
  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("vastproxy.outcome");

  private final Span span;
  private String route;
  private int attempts;
  private int retries;
  private int resumes;
  private boolean ended;

  RequestSpan(Span span, String method, String path) {
    this.span = span;
    span.setAttribute(METHOD, method);
    span.setAttribute(PATH, path);
    span.setAttribute(ENDPOINT, EndpointKind.of(path).label());
  }

  @Override
  public void routed(RoutingDecision decision) {
    // The first backend chosen is the decision (later ones follow failures, which the events
    // tell); until one is chosen, the latest answer is, so a request held and then served reads
    // as chosen.
    if (route == null || !(route.equals("chosen") || route.equals("pinned"))) {
      route = route(decision);
    }
  }

  private static String route(RoutingDecision decision) {
    if (decision instanceof RoutingDecision.Routed routed) {
      return routed.pinned() ? "pinned" : "chosen";
    }
    if (decision instanceof RoutingDecision.UnknownModel) {
      return "unknown_model";
    }
    if (decision instanceof RoutingDecision.ModelUnavailable) {
      return "model_unavailable";
    }
    if (decision instanceof RoutingDecision.Overloaded) {
      return "overloaded";
    }
    return "no_backend";
  }

  @Override
  public void requestSent(InstanceId backend) {
    attempts++;
  }

  @Override
  public void retriedBeforeFirstByte(InstanceId failed) {
    retries++;
    span.addEvent("retry", Attributes.of(INSTANCE, failed.toString()));
  }

  @Override
  public void resumed(InstanceId failed, InstanceId next) {
    resumes++;
    span.addEvent(
        "resume", Attributes.of(INSTANCE, failed.toString(), NEXT_INSTANCE, next.toString()));
  }

  @Override
  public void notResumable(InstanceId failed) {
    span.addEvent("stream not resumable", Attributes.of(INSTANCE, failed.toString()));
  }

  @Override
  public void firstBytes(InstanceId backend, RequestFacts facts, int status, long nanos) {
    span.setAttribute(FIRST_BYTE_MS, nanos / 1e6);
    span.addEvent("first byte");
  }

  @Override
  public void requestEnded(
      Optional<InstanceId> backend, RequestFacts facts, int status, Outcome outcome, long nanos) {
    if (ended) {
      return;
    }
    ended = true;
    backend.ifPresent(id -> span.setAttribute(INSTANCE, id.toString()));
    span.setAttribute(ROUTE, route == null ? "none" : route);
    facts.model().ifPresent(model -> span.setAttribute(MODEL, model));
    span.setAttribute(STREAM, facts.delivery() == RequestFacts.Delivery.STREAMED);
    span.setAttribute(STATUS, status);
    span.setAttribute(ATTEMPTS, attempts);
    span.setAttribute(RETRIES, retries);
    span.setAttribute(RESUMES, resumes);
    span.setAttribute(OUTCOME, outcome.name().toLowerCase(Locale.ROOT));
    if (outcome == Outcome.BACKEND_FAILED || status >= 500) {
      span.setStatus(StatusCode.ERROR, outcome == Outcome.BACKEND_FAILED ? "backend failed" : "");
    }
    span.end();
  }
}
