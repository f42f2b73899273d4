package dev.vastproxy.bench.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vastproxy.bench.client.ChatBodies;
import dev.vastproxy.bench.client.OneShotHttp;
import dev.vastproxy.bench.proc.Executables;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetsTest {
  @TempDir Path dir;
  private final MockFleet fleet = MockFleet.start(2, 1);

  @AfterEach
  void stop() {
    fleet.close();
  }

  @Test
  void theFleetServesChatsAndListsItsEnginesForVastproxy() throws Exception {
    int port = fleet.engines().get(1).getPort();

    int status =
        OneShotHttp.status(
            fleet.engines().get(1),
            ChatBodies.instantRequest(MockFleet.MODEL, MockFleet.TOKEN, port),
            2000);

    assertThat(status).isEqualTo(200);
    assertThat(fleet.requests()).isEqualTo(1);
    assertThat(fleet.engines()).hasSize(2);
    assertThat(fleet.vastApi().toString()).startsWith("http://127.0.0.1:");
  }

  @Test
  void directIsTheEnginesThemselves() throws IOException {
    Target direct = TargetKind.direct().start(fleet, dir);

    assertThat(TargetKind.direct().name()).isEqualTo("direct");
    assertThat(TargetKind.direct().missing()).isEmpty();
    assertThat(direct.name()).isEqualTo("direct");
    assertThat(direct.addresses()).isEqualTo(fleet.engines());
    assertThat(direct.address()).isEqualTo(fleet.engines().get(0));
    assertThat(direct.pid()).isEmpty();
    assertThat(direct.startupMillis()).isZero();
    direct.close();
    Target renamed = new RenamedTarget(direct, "again");
    assertThat(renamed.name()).isEqualTo("again");
    assertThat(renamed.addresses()).isEqualTo(direct.addresses());
    assertThat(renamed.pid()).isEmpty();
    assertThat(renamed.startupMillis()).isZero();
    renamed.close();
  }

  @Test
  void nginxAndHaproxyStartFromTheirOwnConfigurationAndProxyChats() throws Exception {
    Executables programs = Executables.system();
    List<PeerProgramKind> kinds =
        List.of(
            new NginxKind(programs.find("nginx"), 1, 200),
            new HaproxyKind(programs.find("haproxy"), 1, 100));
    Assumptions.assumeTrue(
        kinds.stream().allMatch(kind -> kind.missing().isEmpty()), "nginx or HAProxy missing");

    for (PeerProgramKind kind : kinds) {
      try (Target target = kind.start(fleet, dir)) {
        int status =
            OneShotHttp.status(
                target.address(),
                ChatBodies.instantRequest(
                    MockFleet.MODEL, MockFleet.TOKEN, target.address().getPort()),
                2000);

        assertThat(status).isEqualTo(200);
        assertThat(target.name()).isEqualTo(kind.name());
        assertThat(target.pid()).isPresent();
        assertThat(dir.resolve(kind.name()).resolve(kind.peer().configFile)).isRegularFile();
      }
    }
  }

  @Test
  void aMissingPeerProgramSaysHowToInstallIt() {
    assertThat(new HaproxyKind(Optional.empty(), 1, 1).missing())
        .contains("HAProxy is not installed (Debian: apt-get install -y haproxy)");
    assertThat(new NginxKind(Optional.empty(), 1, 1).missing())
        .contains("nginx is not installed (Debian: apt-get install -y nginx)");
  }

  @Test
  void aProcessTargetIsReadyOnceAChatThroughItAnswers200() throws Exception {
    int port = fleet.engines().get(0).getPort();

    try (ProcessTarget target =
        ProcessTarget.launch("stand in", List.of("sleep", "30"), dir, Map.of(), port)) {
      assertThat(target.name()).isEqualTo("stand in");
      assertThat(target.pid()).isPresent();
      assertThat(target.startupMillis()).isPositive();
      assertThat(target.addresses()).hasSize(1);
      assertThat(target.output()).isEmpty();
    }
  }

  @Test
  void aProcessThatExitsFirstDidNotComeUp() throws IOException {
    int port = ProcessTarget.freePort();

    assertThatThrownBy(
            () ->
                ProcessTarget.launch(
                    "quitter", List.of("sh", "-c", "echo bye"), dir, Map.of(), port))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("quitter did not come up")
        .hasMessageContaining("bye");
  }

  @Test
  void vastproxyIsNamedAfterItsPolicyAndNeedsItsJar() {
    Path jar = dir.resolve("missing.jar");

    assertThat(new VastProxyKind(jar, "round-robin", List.of()).name()).isEqualTo("vastproxy");
    assertThat(new VastProxyKind(jar, "least-requests", List.of()).name())
        .isEqualTo("vastproxy least-req");
    assertThat(new VastProxyKind(jar, "power-of-two", List.of()).name()).isEqualTo("vastproxy p2c");
    assertThat(new VastProxyKind(jar, "other", List.of()).name()).isEqualTo("vastproxy other");
    assertThat(new VastProxyKind(jar, "round-robin", List.of()).missing())
        .hasValueSatisfying(why -> assertThat(why).contains("missing.jar is missing"));
    assertThat(VastProxyKind.defaultJvmFlags(2)).contains("-XX:ActiveProcessorCount=2", "-Xmx256m");
  }
}
