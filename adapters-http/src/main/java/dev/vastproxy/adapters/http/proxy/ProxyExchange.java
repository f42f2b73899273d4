package dev.vastproxy.adapters.http.proxy;

import dev.vastproxy.adapters.http.OpenAiErrors;
import dev.vastproxy.application.port.in.RouteQuery;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.endpoint.Endpoint;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.routing.RoutingDecision;
import io.undertow.client.ClientCallback;
import io.undertow.client.ClientConnection;
import io.undertow.client.ClientExchange;
import io.undertow.client.ClientRequest;
import io.undertow.client.ClientResponse;
import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.channels.StreamSourceChannel;

/**
 * One proxied request, from choosing a backend to the last byte of its answer. Everything runs on
 * the exchange's IO thread (backend connections are opened on the same thread), so the state needs
 * no locks.
 *
 * <p>The body is read first when it may name a model; a backend is chosen; each try of a backend is
 * an {@link Attempt}, and a connect (or TLS) failure, which the backend never saw, moves on to
 * another backend. The answer is relayed as it comes. A client that leaves in any phase has its
 * backend connection closed at once, so the engine stops generating.
 */
final class ProxyExchange implements ExchangeCompletionListener {
  /** Names the instance a request is pinned to, and the instance that served a response. */
  static final HttpString INSTANCE_HEADER = new HttpString("X-VastProxy-Instance");

  private static final Set<HttpString> NOT_FORWARDED =
      Set.of(
          Headers.HOST,
          Headers.AUTHORIZATION,
          INSTANCE_HEADER,
          Headers.CONTENT_LENGTH,
          Headers.EXPECT,
          Headers.X_FORWARDED_FOR,
          Headers.X_FORWARDED_PROTO);
  private static final Set<HttpString> NOT_RETURNED = Set.of(INSTANCE_HEADER);

  private final ProxyContext context;
  private final HttpServerExchange exchange;
  private final Optional<InstanceId> sticky;
  private final long startNanos = System.nanoTime();
  private StreamSourceChannel requestChannel;
  private Optional<String> model = Optional.empty();
  private byte[] body;
  private int bodyLength;
  private boolean bodyComplete = true;
  private Set<InstanceId> tried = Set.of();
  private Attempt current;
  private ClientDisconnectWatch watch;
  private boolean ended;
  private ProxyObserver.Outcome outcome = ProxyObserver.Outcome.COMPLETED;

  ProxyExchange(ProxyContext context, HttpServerExchange exchange, Optional<InstanceId> sticky) {
    this.context = context;
    this.exchange = exchange;
    this.sticky = sticky;
  }

  /** Starts serving; call on the IO thread within a dispatch. */
  void start() {
    exchange.addExchangeCompleteListener(this);
    if (!mayNameAModel()) {
      route();
      return;
    }
    BufferedBody.read(
        requestChannel(),
        exchange.getRequestContentLength(),
        context.settings().modelPeekLimit(),
        new BufferedBody.Callback() {
          @Override
          public void read(byte[] bytes, int length, boolean complete) {
            body = bytes;
            bodyLength = length;
            bodyComplete = complete;
            if (complete) {
              model = ModelField.of(bytes, length);
            }
            route();
          }

          @Override
          public void failed(IOException e) {
            clientGone();
          }
        });
  }

  private boolean mayNameAModel() {
    if (!exchange.getRequestMethod().equals(Methods.POST)
        || !exchange.getRequestPath().startsWith("/v1/")
        || context.settings().modelPeekLimit() == 0) {
      return false;
    }
    String type = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
    long length = exchange.getRequestContentLength();
    return type != null
        && type.toLowerCase(Locale.ROOT).contains("json")
        && length != 0
        && length <= context.settings().modelPeekLimit();
  }

  private StreamSourceChannel requestChannel() {
    if (requestChannel == null) {
      requestChannel = exchange.getRequestChannel();
    }
    return requestChannel;
  }

  private boolean hasBody() {
    return body != null
        || exchange.getRequestContentLength() > 0
        || exchange.getRequestHeaders().contains(Headers.TRANSFER_ENCODING);
  }

  /** Whether the request can be sent again from the start (its body is all in memory). */
  private boolean replayable() {
    return body == null ? !hasBody() : bodyComplete;
  }

  private void route() {
    if (ended) {
      return;
    }
    if (replayable()) {
      startWatch();
    }
    RoutingDecision decision = context.routing().route(new RouteQuery(sticky, model, tried));
    if (decision instanceof RoutingDecision.Routed routed) {
      current = new Attempt(routed.backend());
      current.connect(false);
    } else if (decision instanceof RoutingDecision.UnknownModel unknown) {
      outcome = ProxyObserver.Outcome.NOT_ROUTED;
      respond(404, OpenAiErrors.unknownModel(unknown.model(), unknown.available()));
    } else if (tried.isEmpty()) {
      outcome = ProxyObserver.Outcome.NOT_ROUTED;
      respond(503, OpenAiErrors.NO_BACKENDS);
    } else {
      outcome = ProxyObserver.Outcome.BACKEND_FAILED;
      respond(502, OpenAiErrors.BACKEND_ERROR);
    }
  }

  /** The attempt's backend could not be reached; it saw nothing, so try another. */
  private void unreachable(Attempt failed, IOException e) {
    context.failures().reportFailure(failed.backend.id(), "connect failed: " + e.getMessage());
    Set<InstanceId> more = new HashSet<>(tried);
    more.add(failed.backend.id());
    tried = more;
    if (tried.size() < context.settings().maxBackendsPerRequest()) {
      route();
    } else {
      outcome = ProxyObserver.Outcome.BACKEND_FAILED;
      respond(502, OpenAiErrors.BACKEND_ERROR);
    }
  }

  /** The backend failed while serving: answer 502, or cut the stream if it had started. */
  private void backendFailed(Attempt failed, IOException e) {
    outcome = ProxyObserver.Outcome.BACKEND_FAILED;
    context.failures().reportFailure(failed.backend.id(), "transport failure: " + e.getMessage());
    if (exchange.isResponseStarted()) {
      ended = true;
      IoUtils.safeClose(exchange.getConnection());
    } else {
      respond(502, OpenAiErrors.BACKEND_ERROR);
    }
  }

  private void startWatch() {
    if (watch == null && !ended) {
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
  private void clientGone() {
    if (ended) {
      return;
    }
    ended = true;
    outcome = ProxyObserver.Outcome.CLIENT_GONE;
    if (current != null) {
      current.abandon();
    }
    IoUtils.safeClose(exchange.getConnection());
  }

  private void respond(int status, byte[] errorBody) {
    if (ended) {
      return;
    }
    stopWatch();
    exchange.setStatusCode(status);
    if (current != null) {
      exchange.getResponseHeaders().put(INSTANCE_HEADER, current.backend.id().toString());
    }
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
    exchange.getResponseSender().send(ByteBuffer.wrap(errorBody));
  }

  @Override
  public void exchangeEvent(HttpServerExchange done, NextListener next) {
    try {
      stopWatch();
      ended = true;
      if (current != null) {
        current.abandon();
      }
      context
          .observer()
          .requestEnded(
              Optional.ofNullable(current).map(attempt -> attempt.backend.id()),
              done.getStatusCode(),
              outcome,
              System.nanoTime() - startNanos);
    } finally {
      next.proceed();
    }
  }

  /**
   * One try of one backend: a connection, the request on it, and the answer relayed back. Callbacks
   * of an attempt that was given up are ignored.
   */
  private final class Attempt {
    private final Backend backend;
    private final Endpoint endpoint;
    private ClientConnection connection;
    private boolean reused;
    private boolean requestSent;
    private boolean responseDone;
    private ChannelRelay requestRelay;
    private ChannelRelay responseRelay;
    private boolean counted;
    private boolean over;
    private long sentNanos;
    private XnioExecutor.Key silenceCheck;

    Attempt(Backend backend) {
      this.backend = backend;
      this.endpoint = backend.endpoint().orElseThrow();
      backend.load().begin();
      counted = true;
    }

    private boolean live() {
      return !over && current == this && !ended;
    }

    void connect(boolean fresh) {
      BackendConnections.Callback opened =
          new BackendConnections.Callback() {
            @Override
            public void connected(ClientConnection connection, boolean wasIdle) {
              onConnected(connection, wasIdle);
            }

            @Override
            public void failed(IOException e) {
              if (live()) {
                giveUp();
                unreachable(Attempt.this, e);
              }
            }
          };
      if (fresh) {
        context.connections().acquireFresh(backend.id(), endpoint, exchange.getIoThread(), opened);
      } else {
        context.connections().acquire(backend.id(), endpoint, exchange.getIoThread(), opened);
      }
    }

    private void onConnected(ClientConnection opened, boolean wasIdle) {
      if (!live()) {
        context.connections().release(endpoint, exchange.getIoThread(), opened);
        return;
      }
      connection = opened;
      reused = wasIdle;
      watchSilence();
      opened.sendRequest(
          request(),
          new ClientCallback<>() {
            @Override
            public void completed(ClientExchange started) {
              onRequestStarted(started);
            }

            @Override
            public void failed(IOException e) {
              onFailure(e);
            }
          });
    }

    private ClientRequest request() {
      ClientRequest request =
          new ClientRequest().setMethod(exchange.getRequestMethod()).setPath(pathAndQuery());
      HeaderMap headers = request.getRequestHeaders();
      headers.put(Headers.HOST, endpoint.authority());
      if (!endpoint.bearerToken().isEmpty()) {
        headers.put(Headers.AUTHORIZATION, "Bearer " + endpoint.bearerToken().reveal());
      }
      InetSocketAddress client = exchange.getSourceAddress();
      if (client != null && client.getAddress() != null) {
        headers.put(Headers.X_FORWARDED_FOR, client.getAddress().getHostAddress());
      }
      headers.put(Headers.X_FORWARDED_PROTO, exchange.getRequestScheme());
      if (body != null && bodyComplete) {
        headers.put(Headers.CONTENT_LENGTH, bodyLength);
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

    private void onRequestStarted(ClientExchange started) {
      if (!live()) {
        return;
      }
      started.setResponseListener(
          new ClientCallback<>() {
            @Override
            public void completed(ClientExchange answered) {
              onResponse(answered);
            }

            @Override
            public void failed(IOException e) {
              onFailure(e);
            }
          });
      StreamSinkChannel sink = started.getRequestChannel();
      if (body != null && bodyComplete) {
        BytesWriter.writeAndEnd(
            sink,
            ByteBuffer.wrap(body, 0, bodyLength),
            () -> {
              if (live()) {
                requestSent();
              }
            },
            this::onFailure);
      } else if (body != null) {
        BytesWriter.write(
            sink,
            ByteBuffer.wrap(body, 0, bodyLength),
            () -> {
              if (live()) {
                relayBody(sink);
              }
            },
            this::onFailure);
      } else if (hasBody()) {
        relayBody(sink);
      } else {
        requestSent();
      }
    }

    private void relayBody(StreamSinkChannel sink) {
      requestRelay =
          new ChannelRelay(
              requestChannel(),
              sink,
              context.bufferPool(),
              new ChannelRelay.Listener() {
                @Override
                public void done() {
                  if (live()) {
                    requestSent();
                  }
                }

                @Override
                public void readFailed(IOException e) {
                  if (live()) {
                    clientGone();
                  }
                }

                @Override
                public void writeFailed(IOException e) {
                  onFailure(e);
                }
              });
      requestRelay.start();
    }

    private void requestSent() {
      requestSent = true;
      startWatch();
      releaseWhenDone();
    }

    private void onResponse(ClientExchange answered) {
      if (!live()) {
        return;
      }
      ClientResponse response = answered.getResponse();
      exchange.setStatusCode(response.getResponseCode());
      HeaderMap headers = exchange.getResponseHeaders();
      headers.put(INSTANCE_HEADER, backend.id().toString());
      HopByHopHeaders.copy(response.getResponseHeaders(), headers, NOT_RETURNED);
      context
          .observer()
          .responseStarted(
              backend.id(), response.getResponseCode(), System.nanoTime() - startNanos);
      responseRelay =
          new ChannelRelay(
              answered.getResponseChannel(),
              exchange.getResponseChannel(),
              context.bufferPool(),
              new ChannelRelay.Listener() {
                @Override
                public void sourceEnded() {
                  // The answer was read to its end: the connection is free again. Release it
                  // now, because finishing the client's response can complete the exchange,
                  // and an exchange that ends with its connection still held closes it.
                  if (live()) {
                    responseDone = true;
                    releaseWhenDone();
                  }
                }

                @Override
                public void done() {
                  if (live()) {
                    responseDone = true;
                    releaseWhenDone();
                    exchange.endExchange();
                  }
                }

                @Override
                public void readFailed(IOException e) {
                  onFailure(e);
                }

                @Override
                public void writeFailed(IOException e) {
                  if (live()) {
                    clientGone();
                  }
                }
              });
      responseRelay.start();
    }

    /** Gives the connection back for reuse once both directions finished cleanly. */
    private void releaseWhenDone() {
      if (requestSent && responseDone && connection != null) {
        stopSilenceWatch();
        context.connections().release(endpoint, exchange.getIoThread(), connection);
        connection = null;
      }
    }

    /**
     * Fails the attempt when the backend says nothing for the idle timeout while it is waited for.
     * One timer per exchange, re-armed only when it fires: a read timeout on the connection would
     * cost Undertow a timer per read and a new conduit per request.
     */
    private void watchSilence() {
      stopSilenceWatch();
      sentNanos = System.nanoTime();
      if (!context.settings().idleTimeout().isZero()) {
        checkSilenceIn(context.settings().idleTimeout().toNanos());
      }
    }

    private void checkSilenceIn(long nanos) {
      silenceCheck =
          exchange.getIoThread().executeAfter(this::checkSilence, nanos, TimeUnit.NANOSECONDS);
    }

    private void checkSilence() {
      silenceCheck = null;
      if (!live() || responseDone) {
        return;
      }
      long idle = context.settings().idleTimeout().toNanos();
      long now = System.nanoTime();
      long silent = responseRelay == null ? now - sentNanos : responseRelay.sourceSilentNanos(now);
      if (silent < idle) {
        checkSilenceIn(idle - silent);
        return;
      }
      giveUp();
      backendFailed(
          this,
          new IOException("backend silent for " + TimeUnit.NANOSECONDS.toMillis(silent) + " ms"));
    }

    private void stopSilenceWatch() {
      if (silenceCheck != null) {
        silenceCheck.remove();
        silenceCheck = null;
      }
    }

    private void onFailure(IOException e) {
      if (!live()) {
        return;
      }
      boolean unanswered = !exchange.isResponseStarted() && replayable();
      if (unanswered && !reused && context.connections().tlsRefused(backend.id())) {
        // The TLS handshake was refused: like a failed connect, the backend saw nothing.
        giveUp();
        unreachable(this, e);
      } else if (unanswered && reused) {
        // An idle connection the backend had just closed: try once more on a fresh one.
        giveUpConnection();
        reused = false;
        connect(true);
      } else {
        giveUp();
        backendFailed(this, e);
      }
    }

    /** The client left, or the exchange ended: close the backend connection at once. */
    void abandon() {
      giveUp();
    }

    private void giveUp() {
      if (over) {
        return;
      }
      over = true;
      stopSilenceWatch();
      giveUpConnection();
      if (counted) {
        counted = false;
        backend.load().end();
      }
    }

    private void giveUpConnection() {
      if (requestRelay != null) {
        requestRelay.cancel();
        requestRelay = null;
      }
      if (responseRelay != null) {
        responseRelay.cancel();
        responseRelay = null;
      }
      if (connection != null) {
        BackendConnections.abort(connection);
        connection = null;
      }
    }
  }
}
