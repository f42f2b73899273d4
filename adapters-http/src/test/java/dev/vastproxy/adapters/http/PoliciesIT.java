package dev.vastproxy.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastproxy.domain.routing.LeastRequestsPolicy;
import dev.vastproxy.domain.routing.PowerOfTwoPolicy;
import dev.vastproxy.domain.routing.RoundRobinPolicy;
import dev.vastproxy.domain.routing.SelectionPolicy;
import dev.vastproxy.simulator.engine.FakeEngine;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Load-aware policies steer requests away from a backend that is busy with slow streams. */
class PoliciesIT {
  private static final int REQUESTS = 20;

  private final HttpClient http = HttpClient.newHttpClient();
  private ProxyHarness proxy;

  @AfterEach
  void stop() {
    proxy.close();
  }

  /**
   * Sends requests one after the other without waiting for answers; returns the slow one's share.
   */
  private int requestsReachingTheSlowBackend(SelectionPolicy policy) throws Exception {
    proxy = ProxyHarness.builder(2).policy(policy, 32).start();
    FakeEngine slow = proxy.engine(101);
    FakeEngine fast = proxy.engine(102);
    slow.setTiming(Duration.ZERO, Duration.ofMillis(100), 100);
    fast.setTiming(Duration.ZERO, Duration.ZERO, 1);
    List<CompletableFuture<HttpResponse<Void>>> answers = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      int fastBefore = fast.requestCount();
      int slowBefore = slow.requestCount();
      answers.add(
          http.sendAsync(
              HttpRequest.newBuilder(proxy.uri("/v1/chat/completions"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"stream\":true}"))
                  .build(),
              HttpResponse.BodyHandlers.discarding()));
      // Wait until this request reached a backend and a fast one finished, so loads are settled.
      await().until(() -> fast.requestCount() + slow.requestCount() == fastBefore + slowBefore + 1);
      await().until(() -> fast.activeGenerations() == 0);
    }
    int slowShare = slow.requestCount();
    answers.forEach(answer -> answer.cancel(true));
    return slowShare;
  }

  @Test
  void roundRobinKeepsSendingToTheSlowBackend() throws Exception {
    assertThat(requestsReachingTheSlowBackend(new RoundRobinPolicy())).isEqualTo(REQUESTS / 2);
  }

  @Test
  void leastRequestsSteersAwayFromTheSlowBackend() throws Exception {
    assertThat(requestsReachingTheSlowBackend(new LeastRequestsPolicy())).isEqualTo(1);
  }

  @Test
  void powerOfTwoSteersAwayFromTheSlowBackend() throws Exception {
    assertThat(requestsReachingTheSlowBackend(new PowerOfTwoPolicy())).isLessThanOrEqualTo(1);
  }
}
