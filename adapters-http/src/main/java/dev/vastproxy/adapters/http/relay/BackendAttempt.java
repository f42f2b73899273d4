package dev.vastproxy.adapters.http.relay;

import dev.vastproxy.adapters.http.upstream.BackendConnections;
import dev.vastproxy.adapters.http.upstream.ResponseLimits;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.endpoint.Endpoint;
import dev.vastproxy.domain.instance.InstanceId;
import io.undertow.client.ClientCallback;
import io.undertow.client.ClientConnection;
import io.undertow.client.ClientExchange;
import io.undertow.client.ClientRequest;
import io.undertow.client.ClientResponse;
import io.undertow.client.ClientStatistics;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.channels.StreamSourceChannel;

/**
 * One try of one backend over one connection: get the connection, write the request, relay the
 * answer. Its callbacks come from that connection only, and once the attempt is given up they are
 * ignored and the connection is closed, so an answer from a connection the exchange has left can
 * never reach the client. Runs on the exchange's IO thread.
 */
final class BackendAttempt {
  /** What an attempt tells its exchange; nothing more is told once the attempt is over. */
  interface Listener {
    /** A connection is ready and the request is being written. */
    void sending();

    /** The whole request was written. */
    void requestSent();

    /**
     * The backend's response headers arrived: how to relay the answer, or empty when the exchange
     * does not take it (it has given this attempt up and moved on).
     */
    Optional<ChannelRelay.Filter> responseStarted(ClientResponse response);

    /** Where answers go: the client's response channel. */
    StreamSinkChannel clientSink();

    /** The first bytes of the backend's answer body arrived (for a stream, its first token). */
    default void firstBytes() {}

    /** Whether the answer read to its end is whole (a stream ends with {@code [DONE]}). */
    boolean answerWhole();

    /** The backend's answer was read to its end: the backend served the request. */
    void answered();

    /** The answer was relayed to its end. */
    void finished();

    /** The try failed. The attempt is over and its connection closed. */
    void failed(AttemptFailure failure);

    /** Reading from or writing to the client failed. */
    void clientGone();
  }

  private final ProxyContext context;
  private final HttpServerExchange exchange;
  private final Backend backend;
  private final Endpoint endpoint;
  private final RequestBody body;
  private final ClientRequest request;
  private final Listener listener;
  private ClientConnection connection;
  private boolean reused;
  private long writtenBefore;
  private boolean requestSent;
  private boolean responseDone;
  private boolean responseStarted;
  private RequestBodyWriter bodyWriter;
  private ChannelRelay responseRelay;
  private boolean over;
  private long waitingSince;
  private SilenceWatch silence;

  BackendAttempt(
      ProxyContext context,
      HttpServerExchange exchange,
      Backend backend,
      RequestBody body,
      ClientRequest request,
      Listener listener) {
    this.context = context;
    this.exchange = exchange;
    this.backend = backend;
    this.endpoint = backend.endpoint().orElseThrow();
    this.body = body;
    this.request = request;
    this.listener = listener;
  }

  /** The backend tried. */
  Backend backend() {
    return backend;
  }

  /** The body this attempt sends. */
  RequestBody body() {
    return body;
  }

  /** Starts: an idle connection when {@code mayReuse} and one is kept, else a new one. */
  void start(boolean mayReuse) {
    BackendConnections.Callback opened =
        new BackendConnections.Callback() {
          @Override
          public void connected(ClientConnection connection, boolean wasIdle) {
            onConnected(connection, wasIdle);
          }

          @Override
          public void failed(IOException e) {
            if (!over) {
              fail(AttemptFailure.Cause.UNREACHABLE, false, "connect failed: " + describe(e));
            }
          }
        };
    if (mayReuse) {
      context.connections().acquire(backend.id(), endpoint, exchange.getIoThread(), opened);
    } else {
      context.connections().acquireFresh(backend.id(), endpoint, exchange.getIoThread(), opened);
    }
  }

  private void onConnected(ClientConnection opened, boolean wasIdle) {
    if (over) {
      context.connections().release(endpoint, exchange.getIoThread(), opened);
      return;
    }
    connection = opened;
    reused = wasIdle;
    ClientStatistics statistics = opened.getStatistics();
    writtenBefore = statistics == null ? -1 : statistics.getWritten();
    watchSilence();
    opened.sendRequest(
        request,
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

  private void onRequestStarted(ClientExchange started) {
    if (over) {
      return;
    }
    ResponseLimits.install(started);
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
    if (over) {
      return;
    }
    listener.sending();
    context.observer().requestSent(backend.id());
    bodyWriter =
        RequestBodyWriter.start(
            started.getRequestChannel(),
            body,
            context.bufferPool(),
            new RequestBodyWriter.Listener() {
              @Override
              public void written() {
                onRequestWritten();
              }

              @Override
              public void writeFailed(IOException e) {
                onFailure(e);
              }

              @Override
              public void clientFailed() {
                if (!over) {
                  giveUp();
                  listener.clientGone();
                }
              }
            });
  }

  private void onRequestWritten() {
    if (over) {
      return;
    }
    requestSent = true;
    waitingSince = System.nanoTime();
    releaseWhenDone();
    listener.requestSent();
  }

  private void onResponse(ClientExchange answered) {
    if (over) {
      return;
    }
    ClientResponse response = answered.getResponse();
    if (response.getResponseCode() < 200) {
      // Undertow's client takes any interim status but 100 for the final answer: none to relay.
      onFailure(new IOException("interim status " + response.getResponseCode() + " as the answer"));
      return;
    }
    Optional<ChannelRelay.Filter> filter = listener.responseStarted(response);
    if (over || filter.isEmpty()) {
      giveUp();
      return;
    }
    responseStarted = true;
    StreamSourceChannel source = answered.getResponseChannel();
    responseRelay =
        new ChannelRelay(
            source,
            listener.clientSink(),
            context.bufferPool(),
            filter.get(),
            new ChannelRelay.Listener() {
              @Override
              public void firstBytes() {
                if (!over) {
                  listener.firstBytes();
                }
              }

              @Override
              public void sourceEnded() {
                // The answer was read to its end: the connection is free again. Release it now,
                // because finishing the client's response can complete the exchange, and an
                // exchange that ends with its connection still held closes it.
                if (over) {
                  return;
                }
                if (!listener.answerWhole()) {
                  // An engine that ends a stream cleanly but without [DONE] broke off all the same.
                  fail(AttemptFailure.Cause.TRANSPORT, true, "the stream ended without [DONE]");
                  return;
                }
                responseDone = true;
                releaseWhenDone();
                listener.answered();
              }

              @Override
              public void done() {
                if (!over) {
                  responseDone = true;
                  releaseWhenDone();
                  over = true;
                  stopSilenceWatch();
                  listener.finished();
                }
              }

              @Override
              public void readFailed(IOException e) {
                onFailure(e);
              }

              @Override
              public void writeFailed(IOException e) {
                if (!over) {
                  giveUp();
                  listener.clientGone();
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

  /** Fails the attempt when the backend says nothing for the idle timeout while waited for. */
  private void watchSilence() {
    waitingSince = System.nanoTime();
    silence =
        context
            .silence()
            .watch(
                exchange.getIoThread(),
                this::silentAt,
                nanos ->
                    fail(
                        AttemptFailure.Cause.SILENCE,
                        true,
                        "backend silent for " + TimeUnit.NANOSECONDS.toMillis(nanos) + " ms"));
  }

  /** How long the backend has been silent at {@code now}; negative when it is not waited for. */
  private long silentAt(long now) {
    if (over || responseDone) {
      return -1;
    }
    return responseRelay != null ? responseRelay.sourceSilentNanos(now) : now - waitingSince;
  }

  private void stopSilenceWatch() {
    if (silence != null) {
      silence.stop();
      silence = null;
    }
  }

  private void onFailure(IOException e) {
    if (over) {
      return;
    }
    if (!reused && !responseStarted && context.connections().tlsRefused(backend.id())) {
      // The TLS handshake was refused: like a failed connect, the backend saw nothing.
      fail(AttemptFailure.Cause.UNREACHABLE, false, "TLS refused: " + describe(e));
      return;
    }
    fail(AttemptFailure.Cause.TRANSPORT, wroteAny(), "transport failure: " + describe(e));
  }

  /** Whether any byte went out on the connection since this attempt took it. */
  private boolean wroteAny() {
    if (connection == null) {
      return requestSent;
    }
    ClientStatistics statistics = connection.getStatistics();
    return statistics == null || writtenBefore < 0 || statistics.getWritten() != writtenBefore;
  }

  private void fail(AttemptFailure.Cause cause, boolean written, String reason) {
    boolean wasReused = reused;
    giveUp();
    listener.failed(
        new AttemptFailure(cause, wasReused, written, body.replayable(), responseStarted, reason));
  }

  /**
   * Whether this attempt is on {@code instance} and may be left without tearing an event: nothing
   * of its answer is half written to the client.
   */
  boolean betweenEvents(InstanceId instance) {
    return !over
        && backend.id().equals(instance)
        && (responseRelay == null || !responseRelay.writing());
  }

  /** The exchange left this attempt: close its connection at once, so the engine stops. */
  void abandon() {
    giveUp();
  }

  private void giveUp() {
    if (over) {
      return;
    }
    over = true;
    stopSilenceWatch();
    if (bodyWriter != null) {
      bodyWriter.cancel();
      bodyWriter = null;
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

  /** An exception's message, or its kind when it has none. */
  static String describe(IOException e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
