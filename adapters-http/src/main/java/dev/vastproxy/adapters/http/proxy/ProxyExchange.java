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
import org.xnio.IoUtils;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.channels.StreamSourceChannel;

/**
 * One proxied request, from choosing a backend to the last byte of its answer. Everything runs on
 * the exchange's IO thread (the backend connection is opened on the same thread), so the state
 * needs no locks.
 *
 * <p>Phases: the body is read first when it may name a model; a backend is chosen; connecting is
 * retried on another backend when it fails (the backend saw nothing); the request is sent and the
 * answer relayed as it comes. A client that leaves in any phase has its backend connection closed
 * at once, so the engine stops generating.
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
  private Backend backend;
  private Endpoint endpoint;
  private ClientConnection connection;
  private boolean reused;
  private boolean staleRetried;
  private boolean requestSent;
  private boolean responseDone;
  private ChannelRelay requestRelay;
  private ChannelRelay responseRelay;
  private ClientDisconnectWatch watch;
  private boolean counted;
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
    if (mayNameAModel()) {
      requestChannel = exchange.getRequestChannel();
      BufferedBody.read(
          requestChannel,
          context.bufferPool(),
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
    } else {
      route();
    }
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

  private boolean hasBody() {
    return body != null
        || exchange.getRequestContentLength() > 0
        || exchange.getRequestHeaders().contains(Headers.TRANSFER_ENCODING);
  }

  private void route() {
    if (ended) {
      return;
    }
    if (body == null && !hasBody() || body != null && bodyComplete) {
      startWatch();
    }
    RoutingDecision decision = context.routing().route(new RouteQuery(sticky, model, tried));
    if (decision instanceof RoutingDecision.Routed routed) {
      connectTo(routed.backend());
    } else if (decision instanceof RoutingDecision.UnknownModel unknown) {
      respond(404, OpenAiErrors.unknownModel(unknown.model(), unknown.available()));
    } else {
      respond(
          tried.isEmpty() ? 503 : 502,
          tried.isEmpty() ? OpenAiErrors.NO_BACKENDS : OpenAiErrors.BACKEND_ERROR);
    }
  }

  private void connectTo(Backend chosen) {
    backend = chosen;
    endpoint = chosen.endpoint().orElseThrow();
    if (!counted) {
      chosen.load().begin();
      counted = true;
    }
    context
        .connections()
        .acquire(
            chosen.id(),
            endpoint,
            exchange.getIoThread(),
            new BackendConnections.Callback() {
              @Override
              public void connected(ClientConnection opened, boolean wasIdle) {
                onConnected(opened, wasIdle);
              }

              @Override
              public void failed(IOException e) {
                onConnectFailed(e);
              }
            });
  }

  private void onConnectFailed(IOException e) {
    endLoad();
    if (ended) {
      return;
    }
    context.failures().reportFailure(backend.id(), "connect failed: " + e.getMessage());
    Set<InstanceId> more = new HashSet<>(tried);
    more.add(backend.id());
    tried = more;
    if (tried.size() < context.settings().maxBackendsPerRequest()) {
      route();
    } else {
      outcome = ProxyObserver.Outcome.BACKEND_FAILED;
      respond(502, OpenAiErrors.BACKEND_ERROR);
    }
  }

  private void onConnected(ClientConnection opened, boolean wasIdle) {
    if (ended) {
      context.connections().release(endpoint, exchange.getIoThread(), opened);
      return;
    }
    connection = opened;
    reused = wasIdle;
    requestSent = false;
    responseDone = false;
    opened.sendRequest(
        backendRequest(),
        new ClientCallback<>() {
          @Override
          public void completed(ClientExchange started) {
            onRequestStarted(started);
          }

          @Override
          public void failed(IOException e) {
            onBackendFailed(e);
          }
        });
  }

  private ClientRequest backendRequest() {
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
    if (ended) {
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
            onBackendFailed(e);
          }
        });
    StreamSinkChannel sink = started.getRequestChannel();
    if (body != null) {
      BytesWriter.write(
          sink,
          ByteBuffer.wrap(body, 0, bodyLength),
          () -> {
            if (bodyComplete) {
              finishRequestBody(sink);
            } else {
              relayRequestBody(sink);
            }
          },
          this::onBackendFailed);
    } else if (hasBody()) {
      if (requestChannel == null) {
        requestChannel = exchange.getRequestChannel();
      }
      relayRequestBody(sink);
    } else {
      requestSent();
    }
  }

  private void relayRequestBody(StreamSinkChannel sink) {
    if (requestChannel == null) {
      requestChannel = exchange.getRequestChannel();
    }
    requestRelay =
        new ChannelRelay(
            requestChannel,
            sink,
            context.bufferPool(),
            new ChannelRelay.Listener() {
              @Override
              public void done() {
                requestSent();
              }

              @Override
              public void readFailed(IOException e) {
                clientGone();
              }

              @Override
              public void writeFailed(IOException e) {
                onBackendFailed(e);
              }
            });
    requestRelay.start();
  }

  private void finishRequestBody(StreamSinkChannel sink) {
    try {
      sink.shutdownWrites();
      if (!sink.flush()) {
        sink.getWriteSetter()
            .set(
                channel -> {
                  try {
                    if (channel.flush()) {
                      channel.suspendWrites();
                      requestSent();
                    }
                  } catch (IOException e) {
                    onBackendFailed(e);
                  }
                });
        sink.resumeWrites();
        return;
      }
    } catch (IOException e) {
      onBackendFailed(e);
      return;
    }
    requestSent();
  }

  private void requestSent() {
    requestSent = true;
    startWatch();
    releaseWhenDone();
  }

  private void startWatch() {
    if (watch == null && !ended) {
      watch = ClientDisconnectWatch.start(exchange, this::clientGone).orElse(null);
    }
  }

  private void onResponse(ClientExchange answered) {
    if (ended) {
      return;
    }
    ClientResponse response = answered.getResponse();
    exchange.setStatusCode(response.getResponseCode());
    HeaderMap headers = exchange.getResponseHeaders();
    headers.put(INSTANCE_HEADER, backend.id().toString());
    HopByHopHeaders.copy(response.getResponseHeaders(), headers, NOT_RETURNED);
    context
        .observer()
        .responseStarted(backend.id(), response.getResponseCode(), System.nanoTime() - startNanos);
    responseRelay =
        new ChannelRelay(
            answered.getResponseChannel(),
            exchange.getResponseChannel(),
            context.bufferPool(),
            new ChannelRelay.Listener() {
              @Override
              public void done() {
                responseDone = true;
                releaseWhenDone();
                exchange.endExchange();
              }

              @Override
              public void readFailed(IOException e) {
                onBackendFailed(e);
              }

              @Override
              public void writeFailed(IOException e) {
                clientGone();
              }
            });
    responseRelay.start();
  }

  /** Gives the connection back for reuse once both directions finished cleanly. */
  private void releaseWhenDone() {
    if (requestSent && responseDone && connection != null) {
      context.connections().release(endpoint, exchange.getIoThread(), connection);
      connection = null;
    }
  }

  private void onBackendFailed(IOException e) {
    if (ended) {
      return;
    }
    abortBackend();
    if (reused && !staleRetried && !exchange.isResponseStarted() && replayable()) {
      // An idle connection the backend had just closed: try once more on a fresh one.
      staleRetried = true;
      reused = false;
      cancelRelays();
      connectFresh();
      return;
    }
    outcome = ProxyObserver.Outcome.BACKEND_FAILED;
    context.failures().reportFailure(backend.id(), "transport failure: " + e.getMessage());
    if (exchange.isResponseStarted()) {
      ended = true;
      cancelRelays();
      IoUtils.safeClose(exchange.getConnection());
    } else {
      cancelRelays();
      respond(502, OpenAiErrors.BACKEND_ERROR);
    }
  }

  private boolean replayable() {
    return body == null ? !hasBody() : bodyComplete;
  }

  private void connectFresh() {
    context
        .connections()
        .acquireFresh(
            backend.id(),
            endpoint,
            exchange.getIoThread(),
            new BackendConnections.Callback() {
              @Override
              public void connected(ClientConnection opened, boolean wasIdle) {
                onConnected(opened, wasIdle);
              }

              @Override
              public void failed(IOException e) {
                onConnectFailed(e);
              }
            });
  }

  /** The client went away: stop the backend at once so the GPU stops generating. */
  private void clientGone() {
    if (ended) {
      return;
    }
    ended = true;
    outcome = ProxyObserver.Outcome.CLIENT_GONE;
    cancelRelays();
    abortBackend();
    IoUtils.safeClose(exchange.getConnection());
  }

  private void respond(int status, byte[] errorBody) {
    if (ended) {
      return;
    }
    if (status == 503 || status == 404) {
      outcome = ProxyObserver.Outcome.NOT_ROUTED;
    }
    stopWatch();
    exchange.setStatusCode(status);
    if (backend != null) {
      exchange.getResponseHeaders().put(INSTANCE_HEADER, backend.id().toString());
    }
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
    exchange.getResponseSender().send(ByteBuffer.wrap(errorBody));
  }

  private void abortBackend() {
    if (connection != null) {
      BackendConnections.abort(connection);
      connection = null;
    }
  }

  private void cancelRelays() {
    if (requestRelay != null) {
      requestRelay.cancel();
    }
    if (responseRelay != null) {
      responseRelay.cancel();
    }
  }

  private void stopWatch() {
    if (watch != null) {
      watch.stop();
      watch = null;
    }
  }

  private void endLoad() {
    if (counted) {
      counted = false;
      backend.load().end();
    }
  }

  @Override
  public void exchangeEvent(HttpServerExchange done, NextListener next) {
    try {
      stopWatch();
      if (!ended) {
        ended = true;
        cancelRelays();
      }
      abortBackend();
      endLoad();
      context
          .observer()
          .requestEnded(
              Optional.ofNullable(backend).map(Backend::id),
              done.getStatusCode(),
              outcome,
              System.nanoTime() - startNanos);
    } finally {
      next.proceed();
    }
  }
}
