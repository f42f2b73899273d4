package dev.vastproxy.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.adapters.http.engine.PrometheusEngineLoadAdapter;
import dev.vastproxy.adapters.http.upstream.BackendCall;
import dev.vastproxy.application.service.EngineLoadService;
import dev.vastproxy.domain.routing.LeastLoadPolicy;
import dev.vastproxy.simulator.engine.FakeEngine;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The promise, end to end over simulator engines with the real load reader and timing: an
 * engine made 5× slower receives at most 5 % of new requests within 30 s, and regains its share
 * within 60 s of recovering. The engines answer in tens of milliseconds and loads are read every
 * 100 ms, so the test takes seconds; its clocks are the wall clock's, bounded by the promise.
 */
class SlowEngineShareIT {
  private static final int ENGINES = 3;
  private static final int CLIENTS = 6;
  private static final Duration FAST_TOKEN = Duration.ofMillis(5);

  private final HttpClient http = HttpClient.newHttpClient();
  private final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private ProxyHarness proxy;
  private EngineLoadService loads;

  @AfterEach
  void stop() {
    loads.stop();
    clients.shutdownNow();
    timer.shutdownNow();
    proxy.close();
  }

  private static void fast(FakeEngine engine) {
    engine.setTiming(FAST_TOKEN.multipliedBy(2), FAST_TOKEN, 10);
  }

  private static void fiveTimesSlower(FakeEngine engine) {
    engine.setTiming(FAST_TOKEN.multipliedBy(10), FAST_TOKEN.multipliedBy(5), 10);
  }

  /** Chat completions the engine received (its load reads are requests too). */
  private static long completions(FakeEngine engine) {
    return engine.requests().stream().filter(r -> r.path().startsWith("/v1/chat/")).count();
  }

  /** Sends {@code count} requests from the clients; the share of them {@code engine} answered. */
  private double shareOf(FakeEngine engine, int count) throws Exception {
    long before = completions(engine);
    AtomicInteger left = new AtomicInteger(count);
    List<Future<?>> work = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      work.add(
          clients.submit(
              () -> {
                while (left.getAndDecrement() > 0) {
                  HttpResponse<String> response =
                      http.send(
                          HttpRequest.newBuilder(proxy.uri("/v1/chat/completions"))
                              .header("Content-Type", "application/json")
                              .POST(
                                  HttpRequest.BodyPublishers.ofString(
                                      "{\"model\":\"Qwen/Qwen3-8B\",\"stream\":false}"))
                              .build(),
                          HttpResponse.BodyHandlers.ofString());
                  assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                }
                return null;
              }));
    }
    for (Future<?> done : work) {
      done.get(2, TimeUnit.MINUTES);
    }
    return (double) (completions(engine) - before) / count;
  }

  @Test
  void aFiveTimesSlowerEngineLosesItsShareAndRegainsItWhenItRecovers() throws Exception {
    proxy =
        ProxyHarness.builder(ENGINES)
            .policy(new LeastLoadPolicy(), 32)
            .measured()
            .engines(e -> e.timing(FAST_TOKEN.multipliedBy(2), FAST_TOKEN, 10))
            .start();
    loads =
        new EngineLoadService(
            proxy.fleet,
            new PrometheusEngineLoadAdapter(
                new BackendCall(proxy.connections, proxy.runtime.worker()), Duration.ofSeconds(2)),
            (delay, task) -> {
              ScheduledFuture<?> later =
                  timer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
              return () -> later.cancel(false);
            },
            Clock.systemUTC(),
            Duration.ofMillis(100));
    loads.start();
    FakeEngine engine = proxy.engine(ProxyHarness.FIRST_ID);
    // Warm up (connections, JIT): the first answers are slow enough to look like an outlier.
    shareOf(engine, 300);
    double fair = shareOf(engine, 300);
    assertThat(fair).as("an even share while all are alike").isBetween(0.15, 0.55);

    fiveTimesSlower(engine);
    long slowedAt = System.nanoTime();
    double share = 1;
    while (share > 0.05 && System.nanoTime() - slowedAt < Duration.ofSeconds(30).toNanos()) {
      share = shareOf(engine, 100);
    }
    assertThat(share).as("share of a batch within 30 s of slowing").isLessThanOrEqualTo(0.05);
    assertThat(shareOf(engine, 400)).as("and it stays so").isLessThanOrEqualTo(0.05);

    fast(engine);
    long recoveredAt = System.nanoTime();
    while (share < 0.75 * fair
        && System.nanoTime() - recoveredAt < Duration.ofSeconds(60).toNanos()) {
      share = shareOf(engine, 200);
    }
    assertThat(share)
        .as("share of a batch within 60 s of recovering, against %.2f before", fair)
        .isGreaterThanOrEqualTo(0.75 * fair);
  }
}
