package dev.vastproxy.simulator.engine;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.ServerConnection;
import io.undertow.util.HeaderValues;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every request an engine received (the most recent ones, up to a limit) and when each one's
 * connection closed, so tests can see aborts; or, when not recording, only their count.
 */
final class RequestLog {
  private final int limit;
  private final boolean recording;
  private final Deque<RecordedRequest> requests = new ConcurrentLinkedDeque<>();
  private final AtomicInteger count = new AtomicInteger();
  private final Map<ServerConnection, List<CompletableFuture<Instant>>> connections =
      new ConcurrentHashMap<>();

  RequestLog(int limit, boolean recording) {
    this.limit = limit;
    this.recording = recording;
  }

  /** Counts the request, keeps it when recording, and gives where to note what was answered. */
  SentBody add(HttpServerExchange exchange, byte[] body) {
    count.incrementAndGet();
    SentBody sent = new SentBody();
    if (!recording) {
      return sent;
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (HeaderValues values : exchange.getRequestHeaders()) {
      headers.put(
          values.getHeaderName().toString().toLowerCase(Locale.ROOT), new ArrayList<>(values));
    }
    String path =
        exchange.getRequestURI()
            + (exchange.getQueryString().isEmpty() ? "" : "?" + exchange.getQueryString());
    requests.add(
        new RecordedRequest(
            exchange.getRequestMethod().toString(),
            path,
            headers,
            body,
            Instant.now(),
            closing(exchange.getConnection()),
            sent));
    while (requests.size() > limit) {
      requests.pollFirst();
    }
    return sent;
  }

  List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  int count() {
    return count.get();
  }

  private CompletableFuture<Instant> closing(ServerConnection connection) {
    CompletableFuture<Instant> closed = new CompletableFuture<>();
    List<CompletableFuture<Instant>> watchers =
        connections.computeIfAbsent(
            connection,
            key -> {
              List<CompletableFuture<Instant>> list = new CopyOnWriteArrayList<>();
              key.addCloseListener(
                  c -> {
                    Instant now = Instant.now();
                    List<CompletableFuture<Instant>> waiting = connections.remove(c);
                    if (waiting != null) {
                      waiting.forEach(future -> future.complete(now));
                    }
                  });
              return list;
            });
    watchers.add(closed);
    if (!connection.isOpen()) {
      closed.complete(Instant.now());
    }
    return closed;
  }
}
