package dev.vastproxy.adapters.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vastproxy.domain.backend.SshPath;
import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.domain.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshSessionsTest {
  @TempDir Path folder;

  private final MutableClock clock = new MutableClock(SshFixture.T0);
  private TestSshServer server;
  private SshSessions sessions;

  @BeforeEach
  void start() throws Exception {
    server = TestSshServer.start();
    sessions = SshFixture.sessions(folder, clock);
  }

  @AfterEach
  void stop() throws Exception {
    sessions.close();
    server.close();
  }

  @Test
  void theSwapToDirectCutsNothingOffThatUsesTheProxy() throws Exception {
    try (TcpGate direct = new TcpGate(server.port(), TcpGate.Mode.SHUT)) {
      Instance instance = SshFixture.instance(1, direct.port(), server.port());
      SshLease inFlight = sessions.lease(instance, false);
      assertThat(inFlight.path()).isEqualTo(SshPath.PROXY);

      direct.mode(TcpGate.Mode.OPEN);
      clock.advance(Duration.ofSeconds(30));
      try (SshLease upgraded = sessions.lease(instance, true)) {
        assertThat(upgraded.path()).isEqualTo(SshPath.DIRECT);
      }

      assertThat(inFlight.sessionAlive()).as("the proxy session serves on").isTrue();
      assertThat(RemoteCommand.run(inFlight.client(), "nvidia-smi", Duration.ofSeconds(2)).stdout())
          .isEqualTo(TestSshServer.TWO_GPUS);
      assertThat(server.sessionsOpen()).isEqualTo(2);

      inFlight.close();
      Awaitility.await()
          .atMost(5, TimeUnit.SECONDS)
          .until(() -> server.sessionsOpen() == 1 && !inFlight.sessionAlive());
    }
  }

  @Test
  void leasesThatMayNotWaitStayOnTheProxy() throws Exception {
    try (TcpGate direct = new TcpGate(server.port(), TcpGate.Mode.SHUT)) {
      Instance instance = SshFixture.instance(2, direct.port(), server.port());
      sessions.lease(instance, false).close();
      direct.mode(TcpGate.Mode.OPEN);
      clock.advance(Duration.ofSeconds(30));

      try (SshLease lease = sessions.lease(instance, false)) {
        assertThat(lease.path()).isEqualTo(SshPath.PROXY);
      }
    }
  }

  @Test
  void closingEndsEverySessionAndRefusesNewLeases() throws Exception {
    Instance instance = SshFixture.instance(3, server.port(), 0);
    sessions.lease(instance, true).close();

    sessions.close();

    Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> server.sessionsOpen() == 0);
    assertThatThrownBy(() -> sessions.lease(instance, true))
        .isInstanceOf(SshUnavailableException.class)
        .hasMessage("SSH is shut down");
    assertThat(sessions.size()).isZero();
  }

  @Test
  void shutDownDoesNotWaitForAConnectInProgress() throws Exception {
    try (TcpGate silent = new TcpGate(server.port(), TcpGate.Mode.SILENT)) {
      Instance instance = SshFixture.instance(7, silent.port(), 0);
      CompletableFuture<Exception> attempt =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  sessions.lease(instance, true).close();
                  return null;
                } catch (SshUnavailableException e) {
                  return e;
                }
              });
      Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> silent.accepted() == 1);

      long started = System.nanoTime();
      sessions.close();
      long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

      assertThat(took).isLessThan(1_000);
      assertThat(attempt.get(10, TimeUnit.SECONDS)).isInstanceOf(SshUnavailableException.class);
    }
  }

  @Test
  void aLeaseClosedTwiceCountsOnce() throws Exception {
    Instance instance = SshFixture.instance(4, server.port(), 0);
    SshLease first = sessions.lease(instance, true);
    first.close();
    first.close();

    try (SshLease second = sessions.lease(instance, true)) {
      assertThat(second.sessionAlive()).isTrue();
    }
    assertThat(server.sessionsCreated()).isEqualTo(1);
  }

  @Test
  void aBusySessionIsNotClosedForIdleness() throws Exception {
    Instance instance = SshFixture.instance(5, server.port(), 0);
    try (SshLease busy = sessions.lease(instance, true)) {
      clock.advance(SshFixture.FAST.idleClose().multipliedBy(3));
      sessions.lease(SshFixture.instance(6, server.port(), 0), true).close();

      assertThat(busy.sessionAlive()).isTrue();
      assertThat(sessions.size()).isEqualTo(2);
    }
  }
}
