package dev.vastproxy.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.vastproxy.application.port.out.InstanceListing;
import dev.vastproxy.application.port.out.ListInstancesPort;
import dev.vastproxy.application.port.out.VastApiException;
import dev.vastproxy.domain.endpoint.Endpoint;
import dev.vastproxy.domain.endpoint.EndpointResolver;
import dev.vastproxy.domain.instance.Engine;
import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.domain.instance.InstanceId;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ListInstancesPort} promises, run against the fake and the real adapter alike: a
 * complete listing with each instance's facts, or a {@link VastApiException}, never a partial fleet
 * nor another exception.
 */
public abstract class ListInstancesPortContract {
  /** The model the running instances serve. */
  protected static final String MODEL = "Qwen/Qwen3-8B";

  /** The port under test, over the account the {@code given...} methods fill. */
  protected abstract ListInstancesPort port();

  /**
   * Puts a running vLLM instance serving {@link #MODEL} in the account: public address {@code
   * 127.0.0.1}, engine published on {@code hostPort} (container port 8000), the given token.
   */
  protected abstract void givenRunningVllm(long id, int hostPort, String token);

  /** Puts an instance whose container is still loading in the account. */
  protected abstract void givenLoading(long id);

  /** Makes the account's API fail from now on. */
  protected abstract void givenTheApiFails();

  @Test
  void anEmptyAccountListsNothing() throws Exception {
    InstanceListing listing = port().listInstances();

    assertThat(listing.instances()).isEmpty();
    assertThat(listing.skippedRows()).isEmpty();
  }

  @Test
  void listsEachInstanceWithItsFacts() throws Exception {
    givenRunningVllm(1001, 40153, "token-1001");
    givenLoading(1002);

    InstanceListing listing = port().listInstances();

    assertThat(listing.instances())
        .extracting(Instance::id)
        .containsExactlyInAnyOrder(new InstanceId(1001), new InstanceId(1002));
    assertThat(listing.skippedRows()).isEmpty();
    Instance running = instance(listing, 1001);
    assertThat(running.isRunning()).isTrue();
    assertThat(running.engine()).isEqualTo(Engine.VLLM);
    assertThat(running.extraEnv().get("VLLM_MODEL")).contains(MODEL);
    assertThat(running.bearerToken().reveal()).isEqualTo("token-1001");
    assertThat(EndpointResolver.direct(running).map(Endpoint::authority))
        .contains("127.0.0.1:40153");
    Instance loading = instance(listing, 1002);
    assertThat(loading.isRunning()).isFalse();
    assertThat(loading.actualStatus()).isEqualTo("loading");
  }

  @Test
  void listsEveryInstanceOfALargeAccountOnce() throws Exception {
    LongStream.rangeClosed(1, 60).forEach(id -> givenRunningVllm(id, 40_000 + (int) id, "t" + id));

    InstanceListing listing = port().listInstances();

    assertThat(listing.instances())
        .extracting(instance -> instance.id().value())
        .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 60).boxed().toList());
  }

  @Test
  void aFailingApiIsAVastApiExceptionNotAnEmptyFleet() {
    givenRunningVllm(1001, 40153, "token-1001");
    givenTheApiFails();

    Throwable failure = catchThrowable(() -> port().listInstances());

    assertThat(failure).isInstanceOf(VastApiException.class);
    assertThat(((VastApiException) failure).kind()).isNotNull();
  }

  @Test
  void saysHowLongOneAnswerMayTake() {
    assertThat(port().answerTimeout()).isPositive();
  }

  private static Instance instance(InstanceListing listing, long id) {
    return listing.instances().stream()
        .filter(instance -> instance.id().value() == id)
        .findFirst()
        .orElseThrow();
  }
}
