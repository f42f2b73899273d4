package dev.vastproxy.adapters.vastai;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.vastproxy.adapters.vastai.VastAiTestSupport.LIST_PATH;
import static dev.vastproxy.adapters.vastai.VastAiTestSupport.page;
import static dev.vastproxy.adapters.vastai.VastAiTestSupport.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.vastproxy.application.port.out.ScheduleTaskPort;
import dev.vastproxy.application.service.DiscoveryService;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.BackendState;
import dev.vastproxy.domain.endpoint.Transport;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.fleet.FleetProblem;
import dev.vastproxy.domain.fleet.FleetSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Discovery through the real vast.ai adapter against a loopback WireMock: what the fleet shows. */
class DiscoveryOverVastAiTest {
  private static final HangUntilReleased HANG = new HangUntilReleased();

  @RegisterExtension
  static final WireMockExtension VAST =
      WireMockExtension.newInstance()
          .options(
              WireMockConfiguration.wireMockConfig()
                  .bindAddress("127.0.0.1")
                  .dynamicPort()
                  .extensions(HANG))
          .build();

  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
  private final ScheduleTaskPort scheduler =
      (delay, task) -> {
        ScheduledFuture<?> future = timers.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
      };
  private final Fleet fleet = new Fleet();

  @AfterEach
  void stopTimersAndReleaseHeldAnswers() {
    HANG.release();
    timers.shutdownNow();
  }

  private DiscoveryService discovery(VastAiTuning tuning) {
    return new DiscoveryService(
        fleet,
        new VastAiInstancesAdapter(VastAiTestSupport.connection(VAST, tuning)),
        scheduler,
        Runnable::run,
        Clock.systemUTC(),
        Duration.ofSeconds(10),
        Transport.DIRECT,
        new Random(3));
  }

  private static void listing(String body) {
    VAST.stubFor(get(urlPathEqualTo(LIST_PATH)).willReturn(okJson(body)));
  }

  private List<BackendState> states() {
    return fleet.snapshot().backends().stream().map(Backend::state).toList();
  }

  @Test
  void aPageWithoutInstancesKeepsTheFleetWhileAnEmptyListEmptiesIt() {
    DiscoveryService discovery = discovery(VastAiTestSupport.fastTuning(0, Duration.ofSeconds(5)));
    listing(page(null, row(1), row(2)));
    discovery.pollOnce();
    FleetSnapshot known = fleet.snapshot();

    for (String noInformation :
        List.of(
            "{\"success\": true, \"next_token\": null, \"instances\": null}",
            "{\"success\": true, \"next_token\": null}")) {
      listing(noInformation);
      discovery.pollOnce();

      assertThat(fleet.snapshot().backends()).isEqualTo(known.backends());
      FleetProblem problem = fleet.snapshot().problem().orElseThrow();
      assertThat(problem.message())
          .startsWith(
              "vast.ai: page 1 of the instance list has no 'instances' list (null or missing),"
                  + " so it tells nothing about the fleet; keeping the last known fleet");
      assertThat(problem.authentication()).isFalse();
    }
    assertThat(fleet.snapshot().problem().orElseThrow().failures()).isEqualTo(2);

    listing(page(null));
    discovery.pollOnce();

    assertThat(states()).containsExactly(BackendState.REMOVING, BackendState.REMOVING);
    assertThat(fleet.snapshot().problem()).isEmpty();
  }

  @Test
  void aHungApiIsReportedWhileThePollStillWaits() {
    // Ten retries of one second each: the poll is still under way long after its first timeout,
    // however slow the machine, until the test releases the answer.
    DiscoveryService discovery =
        discovery(VastAiTestSupport.fastTuning(VastAiTuning.MAX_RETRIES, Duration.ofSeconds(1)));
    listing(page(null, row(1), row(2)));
    discovery.pollOnce();
    FleetSnapshot known = fleet.snapshot();
    HANG.rearm();
    VAST.stubFor(
        get(urlPathEqualTo(LIST_PATH))
            .willReturn(
                okJson(page(null, row(1), row(2))).withTransformers(HangUntilReleased.NAME)));

    CompletableFuture<Duration> poll = CompletableFuture.supplyAsync(discovery::pollOnce);

    await()
        .atMost(Duration.ofSeconds(8))
        .until(() -> fleet.snapshot().problem().flatMap(FleetProblem::unansweredSince).isPresent());
    FleetProblem hung = fleet.snapshot().problem().orElseThrow();
    assertThat(hung.message())
        .isEqualTo(
            "vast.ai: API not answering (no reply within the 1s timeout);"
                + " keeping the last known fleet");
    assertThat(poll).isNotDone();
    assertThat(fleet.snapshot().backends()).isEqualTo(known.backends());

    HANG.release();

    assertThat(poll.join()).isEqualTo(Duration.ofSeconds(10));
    assertThat(fleet.snapshot().problem()).isEmpty();
    assertThat(states()).containsExactly(BackendState.DISCOVERED, BackendState.DISCOVERED);
  }
}
