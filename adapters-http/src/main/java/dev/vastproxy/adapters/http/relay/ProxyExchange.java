package dev.vastproxy.adapters.http.relay;

import dev.vastproxy.adapters.http.front.Answers;
import dev.vastproxy.adapters.http.front.OpenAiErrors;
import dev.vastproxy.adapters.http.relay.ProxyObserver.Outcome;
import dev.vastproxy.adapters.http.upstream.BufferedBody;
import dev.vastproxy.adapters.http.upstream.HopByHopHeaders;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.routing.RoutingDecision;
import io.undertow.client.ClientResponse;
import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.channels.StreamSourceChannel;

/**
 * One proxied request, from reading its body to the last byte of its answer, moving through the
 * {@link ExchangePhase}s on the exchange's IO thread (backend connections are opened on the same
 * thread), so the state needs no locks. Each try of a backend is a {@link BackendAttempt} on one
 * connection; what follows a failed try is the pure {@link FailureVerdict} of its facts, and a
 * stream that breaks, or whose instance leaves the fleet, is handed to its {@link StreamRescue}. A
 * client that leaves in any phase has its backend connection closed at once.
 */
final class ProxyExchange
    implements ExchangeCompletionListener, BackendAttempt.Listener, BufferedBody.Callback {
  /** Names the instance a request is pinned to, and the instance that served a response. */
  static final HttpString INSTANCE_HEADER = new HttpString("X-VastProxy-Instance");

  private static final Set<HttpString> NOT_RETURNED = Set.of(INSTANCE_HEADER);
  private final ProxyContext context;
  private final HttpServerExchange exchange;
  private final long startNanos = System.nanoTime();
  private ExchangePhase phase = ExchangePhase.CHOOSING;
  private Optional<String> model = Optional.empty();
  private RequestBody body = RequestBody.none();
  private BackendAttempt current;
  private ClientDisconnectWatch watch;
  private StreamSourceChannel requestChannel;
  private StreamSinkChannel clientSink;
  private StreamRescue rescue;
  private Outcome outcome = Outcome.COMPLETED;
  private final RequestRouting routing;
  private RequestFacts facts;
  private boolean firstBytesSeen;
  private final StreamsOnInstances.Place place;
  private final WaitingPlace waiting;

  ProxyExchange(ProxyContext context, HttpServerExchange exchange, Optional<InstanceId> sticky) {
    this.context = context;
    this.exchange = exchange;
    this.routing =
        new RequestRouting(context.routing(), sticky, context.settings().retriesBeforeFirstByte());
    this.place = context.streams().place(exchange.getIoThread(), this::instanceLeft);
    this.waiting = new WaitingPlace(context.waitingRoom(), exchange.getIoThread());
  }

  /** Starts serving; call on the IO thread within a dispatch. */
  void start() {
    exchange.addExchangeCompleteListener(this);
    int limit = context.settings().modelPeekLimit();
    if (!BodyPeek.wanted(exchange, limit)) {
      requestChannel = BackendRequests.hasBody(exchange) ? exchange.getRequestChannel() : null;
      body = requestChannel != null ? RequestBody.streamed(requestChannel) : RequestBody.none();
      route();
      return;
    }
    phase = ExchangePhase.READING_BODY;
    requestChannel = exchange.getRequestChannel();
    BufferedBody.read(
        requestChannel, exchange.getRequestContentLength(), limit, context.peekBudget(), this);
  }

  @Override
  public void read(byte[] bytes, int length, boolean complete) {
    if (phase == ExchangePhase.DONE) {
      context.peekBudget().giveBack(bytes.length);
      return;
    }
    body = RequestBody.read(bytes, length, complete, requestChannel);
    if (complete) {
      model = BodyPeek.model(exchange, bytes, length, context.settings().modelPeekLimit());
    }
    moveTo(ExchangePhase.CHOOSING);
    route();
  }

  @Override
  public void failed(IOException e) {
    // A body that broke off or broke its framing; a client still there is told so, as nginx does.
    refuseBody(400, OpenAiErrors.unreadableBody());
  }

  @Override
  public void overBudget() {
    refuseBody(503, OpenAiErrors.bodiesOverBudget());
  }

  private void refuseBody(int status, byte[] error) {
    exchange.setPersistent(false);
    respond(status, error, Outcome.NOT_ROUTED);
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
    RoutingDecision decision = routing.next(model);
    context.observer().routed(decision);
    if (decision instanceof RoutingDecision.Routed routed) {
      waiting.leave();
      attempt(routed.backend(), body, true);
    } else if (routing.triedCount() > 0) {
      respond(502, OpenAiErrors.backendError(), Outcome.BACKEND_FAILED);
    } else if (decision instanceof RoutingDecision.UnknownModel unknown) {
      respond(
          404, OpenAiErrors.unknownModel(unknown.model(), unknown.available()), Outcome.NOT_ROUTED);
    } else if (watch == null || !waiting.hold(model, decision, this::route)) {
      // Held only while a client that leaves can be noticed (the body is read, HTTP/1.1).
      exchange.getResponseHeaders().put(Headers.RETRY_AFTER, waiting.retryAfter());
      respond(WaitingPlace.status(decision), WaitingPlace.body(decision), Outcome.NOT_ROUTED);
    }
  }

  /** Sends {@code sent} to {@code backend}: the request, or a continuation while resuming. */
  private void attempt(Backend backend, RequestBody sent, boolean mayReuse) {
    if (phase != ExchangePhase.RESUMING) {
      moveTo(ExchangePhase.CONNECTING);
    }
    current =
        new BackendAttempt(
            context, exchange, backend, sent, BackendRequests.of(exchange, backend, sent), this);
    current.start(mayReuse);
  }

  @Override
  public void sending() {
    if (phase == ExchangePhase.CONNECTING) {
      moveTo(ExchangePhase.SENDING);
    }
  }

  @Override
  public void requestSent() {
    if (phase == ExchangePhase.SENDING) {
      moveTo(ExchangePhase.AWAITING_HEADERS);
    }
    startWatch();
  }

  @Override
  public StreamSinkChannel clientSink() {
    if (clientSink == null) {
      clientSink = exchange.getResponseChannel();
    }
    return clientSink;
  }

  @Override
  public Optional<ChannelRelay.Filter> responseStarted(ClientResponse response) {
    Backend backend = current.backend();
    int status = response.getResponseCode();
    if (phase == ExchangePhase.RESUMING) {
      if (status != 200) {
        current.abandon();
        context.observer().resumeFailed(backend.id());
        rescue(backend, "the instance asked to continue answered " + status);
        return Optional.empty();
      }
      moveTo(ExchangePhase.RELAYING);
      return Optional.of(rescue.filter(context.tally(backend.id(), exchange)));
    }
    if (status == 502 || status == 503 || status == 429) {
      Optional<Backend> next =
          body.replayable() ? routing.retryTarget(model, backend) : Optional.empty();
      if (next.isPresent()) {
        // The engine answered, so it is not working on the request: another one may take it.
        current.abandon();
        context.observer().retriedBeforeFirstByte(backend.id());
        routing.tried(backend);
        moveTo(ExchangePhase.CHOOSING);
        attempt(next.get(), body, true);
        return Optional.empty();
      }
    }
    moveTo(ExchangePhase.RELAYING);
    exchange.setStatusCode(status);
    HeaderMap headers = exchange.getResponseHeaders();
    headers.put(INSTANCE_HEADER, backend.id().toString());
    HopByHopHeaders.copy(response.getResponseHeaders(), headers, NOT_RETURNED);
    facts = RequestFacts.answered(exchange.getRequestPath(), model, backend, response);
    context.observer().responseStarted(backend.id(), facts, status, served());
    rescue = StreamRescue.forAnswer(exchange, body, response, context.settings()).orElse(null);
    if (rescue == null) {
      return Optional.of(context.tap(backend.id(), exchange, response));
    }
    place.moveTo(backend.id());
    return Optional.of(rescue.filter(context.tally(backend.id(), exchange)));
  }

  @Override
  public void firstBytes() {
    // A continuation's first bytes are not the answer's first token.
    if (!firstBytesSeen) {
      firstBytesSeen = true;
      InstanceId backend = current.backend().id();
      context.observer().firstBytes(backend, facts, exchange.getStatusCode(), served());
    }
  }

  @Override
  public boolean answerWhole() {
    return rescue == null || rescue.whole();
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
    boolean retryLeft = body.replayable() && routing.retryLeft();
    FailureVerdict verdict = FailureVerdict.of(failure, retryLeft);
    verdict.reportTo(context.failures(), backend.id(), failure.reason());
    if (phase == ExchangePhase.RESUMING || verdict == FailureVerdict.CUT_CLIENT) {
      if (phase == ExchangePhase.RESUMING && verdict == FailureVerdict.RETRY_FRESH_CONNECTION) {
        attempt(backend, current.body(), false);
      } else {
        if (phase == ExchangePhase.RESUMING) {
          context.observer().resumeFailed(backend.id());
        }
        rescue(backend, failure.reason());
      }
      return;
    }
    switch (verdict) {
      case RETRY_FRESH_CONNECTION -> attempt(backend, body, false);
      case RETRY_ELSEWHERE, RETRY_ELSEWHERE_UNREACHABLE -> {
        if (failure.requestBytesWritten()) {
          routing.retried();
          context.observer().retriedBeforeFirstByte(backend.id());
        }
        tryElsewhere(backend);
      }
      default -> respond(502, OpenAiErrors.backendError(), Outcome.BACKEND_FAILED);
    }
  }

  /** A stream broke after the client had part of it: end it, continue it elsewhere, or cut it. */
  private void rescue(Backend failed, String reason) {
    routing.tried(failed);
    if (rescue == null) {
      outcome = Outcome.BACKEND_FAILED;
      moveTo(ExchangePhase.DONE);
      IoUtils.safeClose(exchange.getConnection());
      return;
    }
    resume(failed, reason, routing.resumeTarget(model));
  }

  /** Continues the stream on {@code next}, or ends it: with an error event if it is not whole. */
  private void resume(Backend failed, String reason, Optional<Backend> next) {
    StreamRescue.Plan plan = rescue.plan(failed, reason, body.bytes(), next.isPresent());
    if (plan instanceof StreamRescue.Plan.Continue resume) {
      rescue.tookOver(failed.id(), next.get().id(), reason);
      context.observer().resumed(failed.id(), next.get().id());
      place.moveTo(next.get().id());
      moveTo(ExchangePhase.RESUMING);
      attempt(next.get(), resume.body(), true);
      return;
    }
    StreamRescue.Plan.End end = (StreamRescue.Plan.End) plan;
    if (!end.complete()) {
      outcome = Outcome.BACKEND_FAILED;
      context.observer().notResumable(failed.id());
    }
    moveTo(ExchangePhase.DONE);
    end.writeTo(exchange, clientSink());
  }

  /** The stream's instance left the fleet: move the stream now, if it can be continued. */
  private void instanceLeft(InstanceId instance, String reason) {
    Optional<Backend> next =
        current.betweenEvents(instance) && rescue.movable(body.bytes())
            ? routing.resumeTarget(model)
            : Optional.empty();
    if (next.isPresent()) {
      current.abandon(); // closes the engine's connection first, so that it stops generating
      routing.tried(current.backend());
      resume(current.backend(), "the instance left the fleet: " + reason, next);
    }
  }

  private void tryElsewhere(Backend failed) {
    routing.tried(failed);
    if (routing.triedCount() < context.settings().maxBackendsPerRequest()) {
      moveTo(ExchangePhase.CHOOSING);
      route();
    } else {
      respond(502, OpenAiErrors.backendError(), Outcome.BACKEND_FAILED);
    }
  }

  /** Nanoseconds since arrival, less the time held in the waiting room (no backend's doing). */
  private long served() {
    return System.nanoTime() - startNanos - waiting.heldNanos();
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
    outcome = Outcome.CLIENT_GONE;
    waiting.leave();
    if (current != null) {
      current.abandon();
    }
    IoUtils.safeClose(exchange.getConnection());
  }

  private void respond(int status, byte[] errorBody, Outcome why) {
    if (phase == ExchangePhase.DONE) {
      return;
    }
    outcome = why;
    moveTo(ExchangePhase.DONE);
    stopWatch();
    waiting.leave();
    if (current != null) {
      exchange.getResponseHeaders().put(INSTANCE_HEADER, current.backend().id().toString());
    }
    Answers.json(exchange, status, errorBody, current == null ? requestChannel : null);
  }

  @Override
  public void exchangeEvent(HttpServerExchange done, NextListener next) {
    try {
      stopWatch();
      waiting.leave();
      phase = ExchangePhase.DONE;
      place.moveTo(null);
      if (current != null) {
        current.abandon();
      }
      routing.release();
      context.peekBudget().giveBack(body.held());
      Optional<InstanceId> last = Optional.ofNullable(current).map(a -> a.backend().id());
      RequestFacts ended = facts != null ? facts : RequestFacts.unanswered(done.getRequestPath());
      context.observer().requestEnded(last, ended, done.getStatusCode(), outcome, served());
    } finally {
      next.proceed();
    }
  }
}
