package dev.vastproxy.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.application.port.out.ProbeBackendPort;
import dev.vastproxy.application.port.out.ProbeResult;
import dev.vastproxy.domain.backend.ModelCard;
import dev.vastproxy.domain.endpoint.Endpoint;
import dev.vastproxy.domain.instance.InstanceId;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ProbeBackendPort} promises, run against the fake and the real adapter alike:
 * the call does not block, and its stage completes within the probe timeout, never exceptionally,
 * with what the backend said.
 */
public abstract class ProbeBackendPortContract {

  /**
   * One backend to probe.
   *
   * @param id its instance
   * @param endpoint where it is reached
   */
  public record Target(InstanceId id, Endpoint endpoint) {}

  /** The port under test. */
  protected abstract ProbeBackendPort port();

  /** How long a probe may take with this port. */
  protected abstract Duration timeout();

  /** A backend whose engine serves the given model. */
  protected abstract Target serving(String model);

  /** A backend whose instance portal still shows its loading placeholder. */
  protected abstract Target loading();

  /** A backend that refuses the probe's bearer token. */
  protected abstract Target refusingTheToken();

  /** A backend where nothing listens. */
  protected abstract Target unreachable();

  /** A backend that accepts the connection and never answers. */
  protected abstract Target silent();

  private ProbeResult probe(Target target) throws Exception {
    CompletionStage<ProbeResult> stage = port().probe(target.id(), target.endpoint());
    CompletableFuture<ProbeResult> future = stage.toCompletableFuture();
    ProbeResult result =
        future.get(timeout().toMillis() + Duration.ofSeconds(3).toMillis(), TimeUnit.MILLISECONDS);
    assertThat(future.isCompletedExceptionally()).isFalse();
    assertThat(result).isNotNull();
    return result;
  }

  @Test
  void aServingBackendIsHealthyWithItsModels() throws Exception {
    ProbeResult result = probe(serving("Qwen/Qwen3-8B"));

    assertThat(result).isInstanceOf(ProbeResult.Healthy.class);
    assertThat(((ProbeResult.Healthy) result).models())
        .extracting(ModelCard::id)
        .containsExactly("Qwen/Qwen3-8B");
  }

  @Test
  void thePortalPlaceholderIsLoading() throws Exception {
    assertThat(probe(loading())).isInstanceOf(ProbeResult.Loading.class);
  }

  @Test
  void aRefusedTokenIsAFailureWithItsReason() throws Exception {
    ProbeResult result = probe(refusingTheToken());

    assertThat(result).isInstanceOf(ProbeResult.Failed.class);
    assertThat(((ProbeResult.Failed) result).reason().describe()).contains("401");
  }

  @Test
  void anUnreachableBackendIsAFailureNotAnException() throws Exception {
    ProbeResult result = probe(unreachable());

    assertThat(result).isInstanceOf(ProbeResult.Failed.class);
    assertThat(((ProbeResult.Failed) result).reason().describe()).isNotBlank();
  }

  @Test
  void aSilentBackendFailsWithinTheTimeoutWithoutBlockingTheCaller() throws Exception {
    Target target = silent();
    long start = System.nanoTime();
    CompletionStage<ProbeResult> stage = port().probe(target.id(), target.endpoint());
    long callMillis = (System.nanoTime() - start) / 1_000_000;

    ProbeResult result =
        stage
            .toCompletableFuture()
            .get(timeout().toMillis() + Duration.ofSeconds(3).toMillis(), TimeUnit.MILLISECONDS);

    assertThat(callMillis).isLessThan(timeout().toMillis());
    assertThat(result).isInstanceOf(ProbeResult.Failed.class);
    assertThat(((ProbeResult.Failed) result).reason().describe()).isNotBlank();
  }
}
