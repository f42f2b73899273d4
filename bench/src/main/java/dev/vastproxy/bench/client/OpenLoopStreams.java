package dev.vastproxy.bench.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop streaming client: chat-completion streams start at Poisson arrival times (from a
 * seeded generator, so every setup gets the same arrivals) whatever the earlier ones are doing,
 * alternating between the targets; each is timed to its first token and to its end and attributed
 * to the instance that served it (vastproxy's {@code X-VastProxy-Instance} header). Loopback only.
 */
public final class OpenLoopStreams {
  /** The header vastproxy names the serving instance in. */
  static final String INSTANCE_HEADER = "X-VastProxy-Instance";

  /**
   * One stream's fate.
   *
   * @param status the HTTP status, 0 when none arrived
   * @param instance the instance that served it, if the answer said
   * @param ttftNanos start to the first {@code data:} event, -1 without one
   * @param totalNanos start to the end of the answer, -1 when it did not end
   */
  public record Outcome(int status, Optional<String> instance, long ttftNanos, long totalNanos) {
    /** Whether it came through: 200, a first token and an end. */
    public boolean ok() {
      return status == 200 && ttftNanos >= 0 && totalNanos >= 0;
    }
  }

  private OpenLoopStreams() {}

  /**
   * Starts streams at {@code perSecond} on average for {@code duration}, then waits up to {@code
   * drain} for the last ones to end (those still open then count as failed). {@code bearer} is sent
   * as {@code Authorization: Bearer} unless empty.
   */
  public static List<Outcome> run(
      List<InetSocketAddress> targets,
      String model,
      String bearer,
      double perSecond,
      Duration duration,
      long seed,
      Duration drain)
      throws IOException {
    for (InetSocketAddress target : targets) {
      if (target.getAddress() == null || !target.getAddress().isLoopbackAddress()) {
        throw new IllegalArgumentException("refusing " + target + ": only loopback may be loaded");
      }
    }
    byte[] body =
        ("{\"model\":\""
                + model
                + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi.\"}]}")
            .getBytes(StandardCharsets.UTF_8);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .executor(pool)
            .build();
    List<CompletableFuture<Outcome>> streams = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(seed);
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    long next = start;
    try {
      for (int i = 0; ; i++) {
        next += (long) (-Math.log(1 - random.nextDouble()) / perSecond * 1e9);
        if (next >= end) {
          break;
        }
        LockSupport.parkNanos(next - System.nanoTime());
        InetSocketAddress target = targets.get(i % targets.size());
        streams.add(
            start(
                http,
                URI.create("http://127.0.0.1:" + target.getPort() + "/v1/chat/completions"),
                bearer,
                body));
      }
      CompletableFuture<Void> all =
          CompletableFuture.allOf(streams.toArray(CompletableFuture[]::new));
      try {
        all.get(drain.toNanos(), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        // the open ones count as failed below
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      } catch (ExecutionException e) {
        // each stream records its own failure
      }
      List<Outcome> outcomes = new ArrayList<>(streams.size());
      for (CompletableFuture<Outcome> stream : streams) {
        outcomes.add(stream.getNow(new Outcome(0, Optional.empty(), -1, -1)));
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  private static CompletableFuture<Outcome> start(
      HttpClient http, URI uri, String bearer, byte[] body) {
    long began = System.nanoTime();
    Timing timing = new Timing(began);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofMinutes(10))
            .header("Content-Type", "application/json")
            .header("Accept", "text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (!bearer.isEmpty()) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return http.sendAsync(
            request.build(),
            info -> {
              timing.status = info.statusCode();
              timing.instance = info.headers().firstValue(INSTANCE_HEADER);
              return HttpResponse.BodySubscribers.fromLineSubscriber(timing);
            })
        .handle(
            (response, error) ->
                new Outcome(
                    timing.status,
                    timing.instance,
                    timing.ttft,
                    error == null ? System.nanoTime() - began : -1));
  }

  /** Times one stream's lines. */
  private static final class Timing implements Flow.Subscriber<String> {
    private final long began;
    volatile int status;
    volatile Optional<String> instance = Optional.empty();
    volatile long ttft = -1;

    Timing(long began) {
      this.began = began;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
      if (ttft < 0 && line.startsWith("data:")) {
        ttft = System.nanoTime() - began;
      }
    }

    @Override
    public void onError(Throwable error) {
      // the stream's future fails and says so
    }

    @Override
    public void onComplete() {
      // the stream's future completes
    }
  }
}
