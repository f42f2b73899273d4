package dev.vastproxy.simulator.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastproxy.simulator.engine.FakeEngine;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.random.RandomGenerator;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeSshHostTest {
  private final SshClient client = SshClient.setUpDefaultClient();
  private FakeSshHost host;
  private ClientSession session;

  @BeforeEach
  void connect() throws Exception {
    host = FakeSshHost.start(() -> "0, 42, 50, 1000, 24564\n");
    client.start();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    KeyPair key = generator.generateKeyPair();
    session =
        client.connect("root", "127.0.0.1", host.port()).verify(Duration.ofSeconds(5)).getSession();
    session.addPublicKeyIdentity(key);
    session.auth().verify(Duration.ofSeconds(5));
  }

  @AfterEach
  void close() throws Exception {
    session.close();
    client.stop();
    host.close();
  }

  private String run(String command) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (ClientChannel channel = session.createExecChannel(command)) {
      channel.setOut(out);
      channel.setErr(err);
      channel.open().verify(Duration.ofSeconds(5));
      channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(5));
    }
    return out.toString() + err;
  }

  @Test
  void answersNvidiaSmiAndNothingElse() throws Exception {
    assertThat(run("nvidia-smi --query-gpu=index --format=csv,noheader,nounits"))
        .isEqualTo("0, 42, 50, 1000, 24564\n");
    assertThat(run("ls /")).isEqualTo("ls: command not found\n");
    assertThat(host.openSessions()).isEqualTo(1);
  }

  @Test
  void forwardsTcpToAnEngine() throws Exception {
    try (FakeEngine engine = FakeEngine.builder().model("m").start()) {
      SshdSocketAddress local =
          session.startLocalPortForwarding(
              new SshdSocketAddress("127.0.0.1", 0),
              new SshdSocketAddress("127.0.0.1", engine.port()));

      HttpResponse<String> models =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + local.getPort() + "/v1/models"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(models.body()).contains("\"id\":\"m\"");
      await().until(() -> host.forwardsOpened() == 1);
    }
  }

  @Test
  void gpuFiguresFollowTheEngine() {
    int[] running = {0};
    GpuFigures figures =
        new GpuFigures(2, 24564, () -> running[0], RandomGenerator.of("L64X128MixRandom"));

    List<String> idle = figures.get().lines().toList();
    running[0] = 3;
    List<String> busy = figures.get().lines().toList();

    assertThat(idle).hasSize(2).allSatisfy(line -> assertThat(line.split(", ")[1]).isEqualTo("0"));
    assertThat(Integer.parseInt(busy.get(0).split(", ")[1])).isEqualTo(100);
    assertThat(busy.get(1)).startsWith("1, ").endsWith(", 24564");
    Assertions.assertThatThrownBy(() -> new GpuFigures(0, 1, () -> 0, RandomGenerator.getDefault()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
