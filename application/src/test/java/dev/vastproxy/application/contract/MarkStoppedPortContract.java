package dev.vastproxy.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.application.port.out.ListInstancesPort;
import dev.vastproxy.application.port.out.MarkStoppedPort;
import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.instance.StopMark;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MarkStoppedPort} promises, run against the fake and the real adapter alike: the
 * next listing shows the mark as written and the owner's label unchanged beside it, and a cleared
 * mark leaves the label alone.
 */
public abstract class MarkStoppedPortContract {
  private static final InstanceId ID = new InstanceId(4242);
  private static final Instant AT = Instant.parse("2026-11-30T21:00:05.250Z");

  /** The port under test. */
  protected abstract MarkStoppedPort port();

  /** Lists the account the port writes to. */
  protected abstract ListInstancesPort listing();

  /** Puts a stopped instance {@code id} with the given label (empty: none) in the account. */
  protected abstract void givenStopped(long id, Optional<String> label);

  private Instance listed() throws Exception {
    return listing().listInstances().instances().stream()
        .filter(instance -> instance.id().equals(ID))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aMarkIsListedBesideTheOwnersLabel() throws Exception {
    givenStopped(ID.value(), Optional.of("team inference"));
    StopMark mark = new StopMark(AT, List.of("Qwen/Qwen3-8B", "odd model]%"));

    port().markStopped(ID, Optional.of("team inference"), Optional.of(mark));

    Instance instance = listed();
    assertThat(instance.label()).contains("team inference");
    StopMark read = instance.stopMark().orElseThrow();
    assertThat(read.models()).containsExactly("Qwen/Qwen3-8B", "odd model]%");
    assertThat(read.at()).isBetween(AT, AT.plusSeconds(1));
  }

  @Test
  void aMarkWithoutALabelLeavesNoLabel() throws Exception {
    givenStopped(ID.value(), Optional.empty());

    port().markStopped(ID, Optional.empty(), Optional.of(new StopMark(AT, List.of("m"))));

    Instance instance = listed();
    assertThat(instance.label()).isEmpty();
    assertThat(instance.stopMark().orElseThrow().models()).containsExactly("m");
  }

  @Test
  void clearingTheMarkKeepsTheOwnersLabel() throws Exception {
    givenStopped(ID.value(), Optional.of("team inference"));
    port()
        .markStopped(
            ID, Optional.of("team inference"), Optional.of(new StopMark(AT, List.of("m"))));

    port().markStopped(ID, Optional.of("team inference"), Optional.empty());

    Instance instance = listed();
    assertThat(instance.label()).contains("team inference");
    assertThat(instance.stopMark()).isEmpty();
  }
}
