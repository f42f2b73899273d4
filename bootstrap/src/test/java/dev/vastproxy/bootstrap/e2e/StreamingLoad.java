package dev.vastproxy.bootstrap.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Streamed chat completions, back to back on a few threads, each checked to the end: a 200 that
 * ends with {@code [DONE]}, or a failure recorded with the time its request started.
 */
final class StreamingLoad implements AutoCloseable {
  /** A failed request: when it started ({@link System#nanoTime()}) and what went wrong. */
  record Failure(long startedAt, String what) {}

  private static final String BODY = "{\"model\":\"m\",\"stream\":true,\"messages\":[]}";

  private final HttpClient http;
  private final URI uri;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicInteger completed = new AtomicInteger();
  private final List<Failure> failures = new CopyOnWriteArrayList<>();
  private final List<Thread> threads = new ArrayList<>();

  StreamingLoad(HttpClient http, URI uri, int concurrency) {
    this.http = http;
    this.uri = uri;
    for (int i = 0; i < concurrency; i++) {
      Thread thread = new Thread(this::loop, "streaming-load-" + i);
      thread.setDaemon(true);
      thread.start();
      threads.add(thread);
    }
  }

  private void loop() {
    while (running.get()) {
      long started = System.nanoTime();
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(BODY))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && response.body().endsWith("data: [DONE]\n\n")) {
          completed.incrementAndGet();
        } else {
          failures.add(new Failure(started, response.statusCode() + " " + response.body()));
        }
      } catch (Exception e) {
        failures.add(new Failure(started, e.toString()));
      }
    }
  }

  int completed() {
    return completed.get();
  }

  List<Failure> failures() {
    return List.copyOf(failures);
  }

  List<Failure> failuresStartedBefore(long nanoTime) {
    return failures.stream().filter(f -> f.startedAt() - nanoTime < 0).toList();
  }

  List<Failure> failuresStartedAfter(long nanoTime) {
    return failures.stream().filter(f -> f.startedAt() - nanoTime >= 0).toList();
  }

  /** Lets the requests under way finish, and starts no more. */
  void stop() throws InterruptedException {
    running.set(false);
    for (Thread thread : threads) {
      thread.join(Duration.ofSeconds(40).toMillis());
    }
  }

  /** Stops, without waiting for the threads (they are daemons) when interrupted. */
  @Override
  public void close() {
    try {
      stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
