package dev.vastproxy.adapters.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.application.port.out.GpuProbe;
import dev.vastproxy.domain.backend.SshPath;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshjGpuMetricsAdapterTest {
  @TempDir Path folder;

  private final MutableClock clock = new MutableClock(SshFixture.T0);
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
}
