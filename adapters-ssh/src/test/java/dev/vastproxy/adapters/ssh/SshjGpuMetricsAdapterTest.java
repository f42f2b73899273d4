package dev.vastproxy.adapters.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.vastproxy.application.port.out.GpuProbe;
import dev.vastproxy.domain.backend.GpuReading;
import dev.vastproxy.domain.backend.SshPath;
import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.domain.testing.Fixtures;
import dev.vastproxy.domain.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SshjGpuMetricsAdapterTest {
  @TempDir Path folder;

  private final MutableClock clock = new MutableClock(SshFixture.T0);
  private final List<AutoCloseable> resources = new ArrayList<>();
  private TestSshServer server;
  private SshSessions sessions;
  private SshjGpuMetricsAdapter adapter;

  @BeforeEach
  void start() throws Exception {
    server = TestSshServer.start();
    sessions = SshFixture.sessions(folder, clock);
    adapter = new SshjGpuMetricsAdapter(sessions);
  }

  @AfterEach
  void stop() throws Exception {
    sessions.close();
    server.close();
    for (AutoCloseable resource : resources) {
      resource.close();
    }
  }

  private TcpGate gate(TcpGate.Mode mode) throws Exception {
    TcpGate gate = new TcpGate(server.port(), mode);
    resources.add(gate);
    return gate;
  }

  @Test
  void readsGpusDirectlyAsRootAndReusesTheSession() {
    GpuProbe first = adapter.readGpus(SshFixture.instance(1, server.port(), 0));
    GpuProbe second = adapter.readGpus(SshFixture.instance(1, server.port(), 0));

    assertThat(first.problem()).isEmpty();
    assertThat(first.path()).isEqualTo(SshPath.DIRECT);
    assertThat(first.readings()).hasSize(2);
    assertThat(second.readings()).hasSize(2);
    assertThat(server.sessionsCreated()).isEqualTo(1);
    assertThat(server.commandsRun()).isEqualTo(2);
    assertThat(server.users()).containsOnly("root");
  }

  @Test
  void fallsBackToTheProxyAndUpgradesToDirectWhenItComesBack() throws Exception {
    TcpGate direct = gate(TcpGate.Mode.SHUT);
    Instance instance = SshFixture.instance(2, direct.port(), server.port());

    GpuProbe onProxy = adapter.readGpus(instance);
    assertThat(onProxy.problem()).isEmpty();
    assertThat(onProxy.path()).isEqualTo(SshPath.PROXY);
    assertThat(onProxy.readings()).hasSize(2);

    direct.mode(TcpGate.Mode.OPEN);
    clock.advance(Duration.ofSeconds(29));
    assertThat(adapter.readGpus(instance).path())
        .as("direct is re-tried every 30 s, not sooner")
        .isEqualTo(SshPath.PROXY);

    clock.advance(Duration.ofSeconds(1));
    GpuProbe upgraded = adapter.readGpus(instance);
    assertThat(upgraded.problem()).isEmpty();
    assertThat(upgraded.path()).isEqualTo(SshPath.DIRECT);
    assertThat(adapter.readGpus(instance).path()).isEqualTo(SshPath.DIRECT);
  }

  @Test
  void staysOnTheProxyWhileDirectStaysDown() throws Exception {
    TcpGate direct = gate(TcpGate.Mode.SHUT);
    Instance instance = SshFixture.instance(3, direct.port(), server.port());
    adapter.readGpus(instance);

    clock.advance(Duration.ofSeconds(30));
    GpuProbe probe = adapter.readGpus(instance);

    assertThat(probe.problem()).isEmpty();
    assertThat(probe.path()).isEqualTo(SshPath.PROXY);
  }

  @Test
  void aCommandThatNeverAnswersTimesOutAndBacksOff() {
    server.reply(TestSshServer.Reply.never());
    Instance instance = SshFixture.instance(4, server.port(), 0);

    GpuProbe probe =
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> adapter.readGpus(instance));

    assertThat(probe.problem()).hasValue("nvidia-smi gave no answer within 700 ms");
    assertThat(probe.path()).isEqualTo(SshPath.DIRECT);
    assertThat(adapter.readGpus(instance).problem().orElseThrow())
        .isEqualTo("nvidia-smi gave no answer within 700 ms; next try in 10 s");
    assertThat(server.commandsRun()).isEqualTo(1);
  }

  @Test
  void aServerThatNeverSpeaksTimesOutOnConnect() throws Exception {
    TcpGate silent = gate(TcpGate.Mode.SILENT);
    Instance instance = SshFixture.instance(5, silent.port(), 0);

    GpuProbe probe =
        assertTimeoutPreemptively(Duration.ofSeconds(8), () -> adapter.readGpus(instance));

    assertThat(probe.problem().orElseThrow())
        .startsWith("SSH to instance 5 failed: direct 127.0.0.1:" + silent.port())
        .contains("no answer within 2 s");
    assertThat(probe.path()).isEqualTo(SshPath.NONE);
  }

  @Test
  void refusedLoginsBackOffFrom10SecondsTo5Minutes() {
    server.acceptLogins(false);
    Instance instance = SshFixture.instance(6, 0, server.port());
    List<Long> attemptsAt = new ArrayList<>();
    GpuProbe last = null;

    for (int second = 0; second <= 1_500; second++) {
      int before = server.sessionsCreated();
      last = adapter.readGpus(instance);
      if (server.sessionsCreated() > before) {
        attemptsAt.add((long) second);
      }
      clock.advance(Duration.ofSeconds(1));
    }

    List<Long> pauses = new ArrayList<>();
    for (int i = 1; i < attemptsAt.size(); i++) {
      pauses.add(attemptsAt.get(i) - attemptsAt.get(i - 1));
    }
    assertThat(pauses).startsWith(10L, 20L, 40L, 80L, 160L, 300L, 300L);
    assertThat(pauses).allMatch(pause -> pause <= 300);
    assertThat(last.problem().orElseThrow())
        .contains("login as root refused")
        .contains("next try in");
    assertThat(last.path()).isEqualTo(SshPath.NONE);
  }

  @Test
  void probesDuringBackOffFailFastWithTheReason() {
    server.acceptLogins(false);
    Instance instance = SshFixture.instance(7, 0, server.port());
    adapter.readGpus(instance);
    clock.advance(Duration.ofSeconds(4));

    GpuProbe probe = adapter.readGpus(instance);

    assertThat(probe.problem().orElseThrow())
        .isEqualTo(
            "SSH to instance 7 failed: proxy 127.0.0.1:"
                + server.port()
                + ": login as root refused (public key not accepted); next try in 6 s");
    assertThat(server.sessionsCreated()).isEqualTo(1);
  }

  @Test
  void aSuccessEndsTheBackOff() {
    server.acceptLogins(false);
    Instance instance = SshFixture.instance(8, server.port(), 0);
    adapter.readGpus(instance);
    clock.advance(Duration.ofSeconds(10));
    adapter.readGpus(instance);
    server.acceptLogins(true);
    clock.advance(Duration.ofSeconds(20));
    assertThat(adapter.readGpus(instance).problem()).isEmpty();

    server.killSessions();
    server.acceptLogins(false);
    awaitSessionsClosed();
    adapter.readGpus(instance);
    clock.advance(Duration.ofSeconds(10));
    int before = server.sessionsCreated();
    adapter.readGpus(instance);

    assertThat(server.sessionsCreated()).as("back-off starts again at 10 s").isEqualTo(before + 1);
  }

  @Test
  void aBrokenSessionIsDroppedAndRebuiltWithoutBackOff() {
    Instance instance = SshFixture.instance(9, server.port(), 0);
    assertThat(adapter.readGpus(instance).problem()).isEmpty();

    server.killSessions();
    awaitSessionsClosed();
    GpuProbe afterKill = adapter.readGpus(instance);

    assertThat(afterKill.problem()).isEmpty();
    assertThat(afterKill.readings()).hasSize(2);
    assertThat(server.sessionsCreated()).isEqualTo(2);
  }

  @Test
  void aChangedHostKeyIsRefused() throws Exception {
    Instance first = SshFixture.instance(10, server.port(), 0);
    assertThat(adapter.readGpus(first).problem()).isEmpty();

    try (TestSshServer impostor = TestSshServer.start();
        SshSessions restarted = SshFixture.sessions(folder, clock)) {
      Instance moved = SshFixture.instance(10, impostor.port(), 0);
      GpuProbe probe = new SshjGpuMetricsAdapter(restarted).readGpus(moved);

      assertThat(probe.problem().orElseThrow())
          .contains("host key of instance 10 changed: refused");
      assertThat(impostor.commandsRun()).isZero();
      assertThat(impostor.users()).as("no login is tried on a refused host").isEmpty();
    }
  }

  @Test
  void anInstanceWithoutSshAddressFailsWithTheReason() {
    GpuProbe probe = adapter.readGpus(SshFixture.instance(11, 0, 0));

    assertThat(probe.problem())
        .hasValue("instance 11 has no SSH address (no 22/tcp mapping, no ssh_host)");
    assertThat(probe.path()).isEqualTo(SshPath.NONE);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "two-gpus.csv, 2",
    "eight-gpus.csv, 8",
    "one-idle-gpu.csv, 1",
    "not-available-fields.csv, 2"
  })
  void everyFixtureIsReadOverSsh(String fixture, int gpus) {
    server.reply(TestSshServer.Reply.of(Fixtures.read("nvidia-smi/" + fixture)));

    GpuProbe probe = adapter.readGpus(SshFixture.instance(12, server.port(), 0));

    assertThat(probe.problem()).isEmpty();
    assertThat(probe.readings()).hasSize(gpus);
    assertThat(probe.readings()).extracting(GpuReading::index).isSorted();
  }

  @Test
  void unavailableFieldsAreUnknownValues() {
    server.reply(TestSshServer.Reply.of(Fixtures.read("nvidia-smi/not-available-fields.csv")));

    GpuProbe probe = adapter.readGpus(SshFixture.instance(13, server.port(), 0));

    assertThat(probe.readings().get(1))
        .isEqualTo(
            new GpuReading(
                1,
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                OptionalLong.of(15321),
                OptionalLong.of(81559)));
  }

  @Test
  void aDriverFailureIsAFailedProbeWithItsMessage() {
    String message = Fixtures.read("nvidia-smi/driver-failure.txt");
    server.reply(TestSshServer.Reply.failing(message, "", 9));

    GpuProbe probe = adapter.readGpus(SshFixture.instance(14, server.port(), 0));

    assertThat(probe.problem().orElseThrow())
        .startsWith("nvidia-smi failed (exit 9): NVIDIA-SMI has failed because");
    assertThat(probe.path()).isEqualTo(SshPath.DIRECT);
  }

  @Test
  void aDriverFailureWithExitZeroIsStillAFailedProbe() {
    server.reply(TestSshServer.Reply.of(Fixtures.read("nvidia-smi/driver-failure.txt")));

    GpuProbe probe = adapter.readGpus(SshFixture.instance(15, server.port(), 0));

    assertThat(probe.problem().orElseThrow())
        .startsWith("unexpected nvidia-smi output: NVIDIA-SMI has failed");
  }

  @Test
  void emptyOutputIsAFailedProbe() {
    server.reply(TestSshServer.Reply.of(Fixtures.read("nvidia-smi/empty.csv")));

    GpuProbe probe = adapter.readGpus(SshFixture.instance(16, server.port(), 0));

    assertThat(probe.problem()).hasValue("nvidia-smi printed nothing");
  }

  @Test
  void aMissingNvidiaSmiReportsTheShellsWords() {
    server.reply(
        TestSshServer.Reply.failing("", "bash: line 1: nvidia-smi: command not found\n", 127));

    GpuProbe probe = adapter.readGpus(SshFixture.instance(17, server.port(), 0));

    assertThat(probe.problem())
        .hasValue("nvidia-smi failed (exit 127): bash: line 1: nvidia-smi: command not found");
  }

  @Test
  void idleSessionsAreClosed() {
    adapter.readGpus(SshFixture.instance(18, server.port(), 0));
    assertThat(sessions.size()).isEqualTo(1);

    clock.advance(SshFixture.FAST.idleClose().plusSeconds(1));
    adapter.readGpus(SshFixture.instance(19, server.port(), 0));

    assertThat(sessions.size()).isEqualTo(1);
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> server.sessionsOpen() == 1);
  }

  private void awaitSessionsClosed() {
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> server.sessionsOpen() == 0);
  }
}
