package dev.vastproxy.adapters.http.upstream;

import dev.vastproxy.domain.endpoint.Endpoint;
import dev.vastproxy.domain.instance.InstanceId;
import io.undertow.client.ClientCallback;
import io.undertow.client.ClientConnection;
import io.undertow.client.ClientExchange;
import io.undertow.client.ClientRequest;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xnio.XnioExecutor;
import org.xnio.XnioIoThread;
import org.xnio.XnioWorker;

/**
 * One small request of the proxy's own to a backend (a health check, an abort), over the same
 * connections as proxied traffic, with a deadline; the answer's body is read whole (up to 1 MiB).
 */
public final class BackendCall {
  private static final int MAX_ANSWER = 1024 * 1024;

  /**
   * What a backend answered.
   *
   * @param status the HTTP status
   * @param headers the response headers
   * @param body the body, whole
   */
  public record Answer(int status, HeaderMap headers, byte[] body) {
    public Answer {
      Objects.requireNonNull(headers, "headers");
      Objects.requireNonNull(body, "body");
    }
  }

  private final BackendConnections connections;
  private final XnioWorker worker;

  public BackendCall(BackendConnections connections, XnioWorker worker) {
    this.connections = connections;
    this.worker = worker;
  }

  /**
   * Sends a request; the future fails with {@link TimeoutException} after the timeout, or with the
   * IOException that ended it.
   */
  public CompletableFuture<Answer> send(
      InstanceId id,
      Endpoint endpoint,
      HttpString method,
      String path,
      byte[] body,
      Duration timeout) {
    CompletableFuture<Answer> answer = new CompletableFuture<>();
    XnioIoThread thread = worker.getIoThread();
    thread.execute(
        () -> new Attempt(id, endpoint, method, path, body, thread, answer).start(timeout));
    return answer;
  }

  /** One call, on one IO thread. */
  private final class Attempt {
    private final InstanceId id;
    private final Endpoint endpoint;
    private final HttpString method;
    private final String path;
    private final byte[] body;
    private final XnioIoThread thread;
    private final CompletableFuture<Answer> answer;
    private ClientConnection connection;
    private boolean requestSent;
    private XnioExecutor.Key deadline;

    Attempt(
        InstanceId id,
        Endpoint endpoint,
        HttpString method,
        String path,
        byte[] body,
        XnioIoThread thread,
        CompletableFuture<Answer> answer) {
      this.id = id;
      this.endpoint = endpoint;
      this.method = method;
      this.path = path;
      this.body = body;
      this.thread = thread;
      this.answer = answer;
    }

    void start(Duration timeout) {
      deadline =
          thread.executeAfter(
              () -> fail(new TimeoutException("no answer within " + timeout.toMillis() + " ms")),
              timeout.toMillis(),
              TimeUnit.MILLISECONDS);
      connections.acquire(
          id,
          endpoint,
          thread,
          new BackendConnections.Callback() {
            @Override
            public void connected(ClientConnection opened, boolean reused) {
              send(opened);
            }

            @Override
            public void failed(IOException e) {
              fail(e);
            }
          });
    }

    private void send(ClientConnection opened) {
      if (answer.isDone()) {
        connections.release(endpoint, thread, opened);
        return;
      }
      connection = opened;
      ClientRequest request = new ClientRequest().setMethod(method).setPath(path);
      request.getRequestHeaders().put(Headers.HOST, endpoint.authority());
      if (!endpoint.bearerToken().isEmpty()) {
        request
            .getRequestHeaders()
            .put(Headers.AUTHORIZATION, "Bearer " + endpoint.bearerToken().reveal());
      }
      if (body.length > 0) {
        request.getRequestHeaders().put(Headers.CONTENT_TYPE, "application/json");
      }
      request.getRequestHeaders().put(Headers.CONTENT_LENGTH, body.length);
      opened.sendRequest(
          request,
          new ClientCallback<>() {
            @Override
            public void completed(ClientExchange exchange) {
              ResponseLimits.install(exchange);
              exchange.setResponseListener(
                  new ClientCallback<>() {
                    @Override
                    public void completed(ClientExchange answered) {
                      readAnswer(answered);
                    }

                    @Override
                    public void failed(IOException e) {
                      fail(e);
                    }
                  });
              if (body.length == 0) {
                requestSent = true;
                return;
              }
              BytesWriter.writeAndEnd(
                  exchange.getRequestChannel(),
                  ByteBuffer.wrap(body),
                  () -> requestSent = true,
                  Attempt.this::fail);
            }

            @Override
            public void failed(IOException e) {
              fail(e);
            }
          });
    }

    private void readAnswer(ClientExchange answered) {
      BufferedBody.read(
          answered.getResponseChannel(),
          -1,
          MAX_ANSWER,
          MemoryBudget.UNBOUNDED,
          new BufferedBody.Callback() {
            @Override
            public void read(byte[] bytes, int length, boolean complete) {
              byte[] whole = Arrays.copyOf(bytes, length);
              Answer result =
                  new Answer(
                      answered.getResponse().getResponseCode(),
                      answered.getResponse().getResponseHeaders(),
                      whole);
              if (complete && requestSent && connection != null) {
                deadline.remove();
                connections.release(endpoint, thread, connection);
                connection = null;
                answer.complete(result);
              } else {
                answer.complete(result);
                finish();
              }
            }

            @Override
            public void failed(IOException e) {
              fail(e);
            }

            @Override
            public void overBudget() {
              fail(new IOException("no memory for the answer"));
            }
          });
    }

    private void fail(Throwable reason) {
      // Complete first: closing the connection below reports its own, less telling, failure.
      answer.completeExceptionally(reason);
      finish();
    }

    private void finish() {
      deadline.remove();
      if (connection != null) {
        BackendConnections.abort(connection);
        connection = null;
      }
    }
  }
}
