package dev.vastproxy.adapters.vastai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.vastproxy.adapters.vastai.VastAiTestSupport.LIST_PATH;
import static dev.vastproxy.adapters.vastai.VastAiTestSupport.connection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.vastproxy.application.port.out.VastApiException;
import dev.vastproxy.application.port.out.VastApiException.Kind;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class VastAiCallerTest {
  @RegisterExtension static final WireMockExtension VAST = VastAiTestSupport.wireMock();

  @Test
  void anInterruptedThreadIsNotRetried() {
    VAST.stubFor(get(urlPathEqualTo(LIST_PATH)).willReturn(aResponse().withStatus(500)));
    VastAiInstancesAdapter adapter = new VastAiInstancesAdapter(connection(VAST));

    Thread.currentThread().interrupt();
    VastApiException failure;
    try {
      failure = catchThrowableOfType(VastApiException.class, adapter::listInstances);
    } finally {
      assertThat(Thread.interrupted()).isTrue();
    }

    assertThat(failure.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(failure.getMessage()).isEqualTo("interrupted");
  }

  @Test
  void anInterruptDuringTheBackoffEndsTheCall() throws Exception {
    VAST.stubFor(get(urlPathEqualTo(LIST_PATH)).willReturn(aResponse().withStatus(503)));
    VastAiTuning base = VastAiTestSupport.fastTuning();
    VastAiTuning longBackoff =
        new VastAiTuning(
            base.requestTimeout(),
            base.connectTimeout(),
            3,
            Duration.ofMinutes(1),
            Duration.ofMinutes(1),
            base.labelInterval(),
            base.destroyInterval(),
            base.rateLimitWait());
    VastAiInstancesAdapter adapter = new VastAiInstancesAdapter(connection(VAST, longBackoff));
    AtomicReference<Thread> caller = new AtomicReference<>();
    AtomicBoolean stillInterrupted = new AtomicBoolean();
    CompletableFuture<VastApiException> outcome =
        CompletableFuture.supplyAsync(
            () -> {
              caller.set(Thread.currentThread());
              VastApiException failure =
                  catchThrowableOfType(VastApiException.class, adapter::listInstances);
              stillInterrupted.set(Thread.interrupted());
              return failure;
            });

    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> VAST.findAll(getRequestedFor(urlPathEqualTo(LIST_PATH))).size() == 1);
    caller.get().interrupt();
    // Far sooner than the minute-long backoff: the call ends with the last failure.
    VastApiException failure = outcome.get(5, TimeUnit.SECONDS);

    assertThat(failure.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(stillInterrupted).isTrue();
    assertThat(VAST.findAll(getRequestedFor(urlPathEqualTo(LIST_PATH)))).hasSize(1);
  }
}
