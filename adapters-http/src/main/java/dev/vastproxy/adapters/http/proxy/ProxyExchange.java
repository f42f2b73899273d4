package dev.vastproxy.adapters.http.proxy;

import dev.vastproxy.adapters.http.OpenAiErrors;
import dev.vastproxy.application.port.in.BackendFailure;
import dev.vastproxy.application.port.in.RouteQuery;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.routing.RoutingDecision;
import io.undertow.client.ClientRequest;
import io.undertow.client.ClientResponse;
import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSourceChannel;

/**
 * One proxied request, from reading its body to the last byte of its answer, moving through the
 * {@link ExchangePhase}s. Everything runs on the exchange's IO thread (backend connections are
 * opened on the same thread), so the state needs no locks.
 *
 * <p>The body is read first when it may name a model; a backend is chosen; each try of a backend is
 * a {@link BackendAttempt} on one connection, and what follows a failed try is the pure {@link
 * FailureVerdict} of its facts: a request goes out again only when the engine cannot have seen it.
 * A client that leaves in any phase has its backend connection closed at once, so the engine stops
 * generating.
 */
final class ProxyExchange implements ExchangeCompletionListener, BackendAttempt.Listener {
  /** Names the instance a request is pinned to, and the instance that served a response. */
  static final HttpString INSTANCE_HEADER = new HttpString("X-VastProxy-Instance");

  private static final Set<HttpString> NOT_FORWARDED = notForwarded();
  private static final Set<HttpString> NOT_RETURNED = Set.of(INSTANCE_HEADER);

  private final ProxyContext context;
  private final HttpServerExchange exchange;
  private final Optional<InstanceId> sticky;
  private final long startNanos = System.nanoTime();
  private ExchangePhase phase = ExchangePhase.CHOOSING;
  private Optional<String> model = Optional.empty();
  private RequestBody body = RequestBody.none();
  private Set<InstanceId> tried = Set.of();
  private BackendAttempt current;
  private Backend leased;
  private ClientDisconnectWatch watch;
  private ProxyObserver.Outcome outcome = ProxyObserver.Outcome.COMPLETED;
  private RequestFacts facts;

  ProxyExchange(ProxyContext context, HttpServerExchange exchange, Optional<InstanceId> sticky) {
    this.context = context;
    this.exchange = exchange;
    this.sticky = sticky;
  }

  private static Set<HttpString> notForwarded() {
    Set<HttpString> names =
        new HashSet<>(
            Set.of(
                Headers.HOST,
                Headers.AUTHORIZATION,
                INSTANCE_HEADER,
                Headers.CONTENT_LENGTH,
                Headers.EXPECT));
    names.addAll(ForwardedHeaders.REPLACED);
    return Set.copyOf(names);
  }

  /** Starts serving; call on the IO thread within a dispatch. */
  void start() {
    exchange.addExchangeCompleteListener(this);
    int limit = context.settings().modelPeekLimit();
    if (!BodyPeek.wanted(exchange, limit)) {
      body = hasBody() ? RequestBody.streamed(exchange.getRequestChannel()) : RequestBody.none();
      route();
      return;
    }
    phase = ExchangePhase.READING_BODY;
    StreamSourceChannel channel = exchange.getRequestChannel();
    BufferedBody.read(
        channel,
        exchange.getRequestContentLength(),
        limit,
        context.peekBudget(),
        new BufferedBody.Callback() {
          @Override
          public void read(byte[] bytes, int length, boolean complete) {
            if (phase == ExchangePhase.DONE) {
              context.peekBudget().giveBack(bytes.length);
              return;
            }
            body = RequestBody.read(bytes, length, complete, channel);
            if (complete) {
              model = BodyPeek.model(exchange, bytes, length, limit);
            }
            moveTo(ExchangePhase.CHOOSING);
            route();
          }

          @Override
          public void failed(IOException e) {
            clientGone();
          }

          @Override
          public void overBudget() {
            outcome = ProxyObserver.Outcome.NOT_ROUTED;
            exchange.setPersistent(false);
            respond(503, OpenAiErrors.BODIES_OVER_BUDGET);
          }
        });
  }

  private boolean hasBody() {
    return exchange.getRequestContentLength() > 0
        || exchange.getRequestHeaders().contains(Headers.TRANSFER_ENCODING);
  }

  private void moveTo(ExchangePhase next) {
    if (!phase.canMoveTo(next)) {
      throw new IllegalStateException("an exchange cannot move from " + phase + " to " + next);
    }
    phase = next;
  }

  private void route() {
    if (phase == ExchangePhase.DONE) {
      return;
    }
    if (body.replayable()) {
      startWatch();
    }
    RoutingDecision decision = context.routing().route(new RouteQuery(sticky, model, tried));
    if (decision instanceof RoutingDecision.Routed routed) {
      tryBackend(routed.backend(), true);
    } else if (!tried.isEmpty()) {
      outcome = ProxyObserver.Outcome.BACKEND_FAILED;
      respond(502, OpenAiErrors.BACKEND_ERROR);
    } else if (decision instanceof RoutingDecision.UnknownModel unknown) {
      outcome = ProxyObserver.Outcome.NOT_ROUTED;
      respond(404, OpenAiErrors.unknownModel(unknown.model(), unknown.available()));
    } else {
      outcome = ProxyObserver.Outcome.NOT_ROUTED;
      exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
      respond(
          503,
          decision instanceof RoutingDecision.ModelUnavailable unavailable
              ? OpenAiErrors.modelUnavailable(unavailable.model())
              : OpenAiErrors.NO_BACKENDS);
    }
  }

  private void tryBackend(Backend backend, boolean mayReuse) {
    moveTo(ExchangePhase.CONNECTING);
    lease(backend);
    current = new BackendAttempt(context, exchange, backend, body, request(backend), this);
    current.start(mayReuse);
  }

  /** Counts the request in flight on the backend it is with, once per backend. */
  private void lease(Backend backend) {
    if (leased != null && leased.id().equals(backend.id())) {
      return;
    }
    releaseLease();
    leased = backend;
    backend.load().begin();
  }

  private void releaseLease() {
    if (leased != null) {
      leased.load().end();
      leased = null;
    }
  }

  private ClientRequest request(Backend backend) {
    ClientRequest request =
        new ClientRequest().setMethod(exchange.getRequestMethod()).setPath(pathAndQuery());
    HeaderMap headers = request.getRequestHeaders();
    var endpoint = backend.endpoint().orElseThrow();
    headers.put(Headers.HOST, endpoint.authority());
    if (!endpoint.bearerToken().isEmpty()) {
      headers.put(Headers.AUTHORIZATION, "Bearer " + endpoint.bearerToken().reveal());
    }
    ForwardedHeaders.set(exchange, headers);
    if (body.inMemory() && body.complete()) {
      headers.put(Headers.CONTENT_LENGTH, body.length());
    } else if (exchange.getRequestContentLength() >= 0) {
      headers.put(Headers.CONTENT_LENGTH, exchange.getRequestContentLength());
    } else if (hasBody()) {
      headers.put(Headers.TRANSFER_ENCODING, Headers.CHUNKED.toString());
    }
    HopByHopHeaders.copy(exchange.getRequestHeaders(), headers, NOT_FORWARDED);
    return request;
  }

  private String pathAndQuery() {
    String uri = exchange.getRequestURI();
    if (!uri.startsWith("/")) {
      int slash = uri.indexOf('/', uri.indexOf("://") + 3);
      uri = slash < 0 ? "/" : uri.substring(slash);
    }
    String query = exchange.getQueryString();
    return query.isEmpty() ? uri : uri + "?" + query;
  }

  @Override
  public void sending() {
    moveTo(ExchangePhase.SENDING);
  }

  @Override
  public void requestSent() {
    if (phase == ExchangePhase.SENDING) {
      moveTo(ExchangePhase.AWAITING_HEADERS);
    }
    startWatch();
  }

  @Override
  public void responseStarted(ClientResponse response) {
    moveTo(ExchangePhase.RELAYING);
    exchange.setStatusCode(response.getResponseCode());
    HeaderMap headers = exchange.getResponseHeaders();
    headers.put(INSTANCE_HEADER, current.backend().id().toString());
    HopByHopHeaders.copy(response.getResponseHeaders(), headers, NOT_RETURNED);
    facts = RequestFacts.answered(exchange.getRequestPath(), model, current.backend(), response);
    context
        .observer()
        .responseStarted(
            current.backend().id(),
            facts,
            response.getResponseCode(),
            System.nanoTime() - startNanos);
  }

  @Override
  public void firstBytes() {
    context
        .observer()
        .firstBytes(
            current.backend().id(),
            facts,
            exchange.getStatusCode(),
            System.nanoTime() - startNanos);
  }

  @Override
  public void answered() {
    context.failures().reportAnswered(current.backend().id());
  }

  @Override
  public void finished() {
    moveTo(ExchangePhase.DONE);
    exchange.endExchange();
  }

  @Override
  public void failed(AttemptFailure failure) {
    Backend backend = current.backend();
    FailureVerdict verdict = FailureVerdict.of(failure);
    switch (verdict.report()) {
      case UNREACHABLE ->
          context
              .failures()
              .reportFailure(backend.id(), BackendFailure.unreachable(failure.reason()));
      case REQUEST_FAILED ->
          context
              .failures()
              .reportFailure(backend.id(), BackendFailure.requestFailed(failure.reason()));
      case NONE -> {}
    }
    switch (verdict) {
      case RETRY_FRESH_CONNECTION -> tryBackend(backend, false);
      case RETRY_ELSEWHERE, RETRY_ELSEWHERE_UNREACHABLE -> tryElsewhere(backend);
      case BAD_GATEWAY -> {
        outcome = ProxyObserver.Outcome.BACKEND_FAILED;
        respond(502, OpenAiErrors.BACKEND_ERROR);
      }
      case CUT_CLIENT -> {
        outcome = ProxyObserver.Outcome.BACKEND_FAILED;
        moveTo(ExchangePhase.DONE);
        IoUtils.safeClose(exchange.getConnection());
      }
    }
  }

  private void tryElsewhere(Backend failed) {
    Set<InstanceId> more = new HashSet<>(tried);
    more.add(failed.id());
    tried = Set.copyOf(more);
    if (tried.size() < context.settings().maxBackendsPerRequest()) {
      moveTo(ExchangePhase.CHOOSING);
      route();
    } else {
      outcome = ProxyObserver.Outcome.BACKEND_FAILED;
      respond(502, OpenAiErrors.BACKEND_ERROR);
    }
  }

  private void startWatch() {
    if (watch == null && phase != ExchangePhase.DONE) {
      watch = ClientDisconnectWatch.start(exchange, this::clientGone).orElse(null);
    }
  }

  private void stopWatch() {
    if (watch != null) {
      watch.stop();
      watch = null;
    }
  }

  /** The client went away: stop the backend at once so the GPU stops generating. */
  @Override
  public void clientGone() {
    if (phase == ExchangePhase.DONE) {
      return;
    }
    moveTo(ExchangePhase.DONE);
    outcome = ProxyObserver.Outcome.CLIENT_GONE;
    if (current != null) {
      current.abandon();
    }
    IoUtils.safeClose(exchange.getConnection());
  }

  private void respond(int status, byte[] errorBody) {
    if (phase == ExchangePhase.DONE) {
      return;
    }
    moveTo(ExchangePhase.DONE);
    stopWatch();
    exchange.setStatusCode(status);
    if (current != null) {
      exchange.getResponseHeaders().put(INSTANCE_HEADER, current.backend().id().toString());
    }
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
    exchange.getResponseSender().send(ByteBuffer.wrap(errorBody));
  }

  @Override
  public void exchangeEvent(HttpServerExchange done, NextListener next) {
    try {
      stopWatch();
      phase = ExchangePhase.DONE;
      if (current != null) {
        current.abandon();
      }
      releaseLease();
      context.peekBudget().giveBack(body.held());
      context
          .observer()
          .requestEnded(
              Optional.ofNullable(current).map(attempt -> attempt.backend().id()),
              facts != null ? facts : RequestFacts.unanswered(done.getRequestPath()),
              done.getStatusCode(),
              outcome,
              System.nanoTime() - startNanos);
    } finally {
      next.proceed();
    }
  }
}
