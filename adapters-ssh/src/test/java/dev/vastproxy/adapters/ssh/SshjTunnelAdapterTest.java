package dev.vastproxy.adapters.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.vastproxy.domain.endpoint.Endpoint;
import dev.vastproxy.domain.endpoint.Scheme;
import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.domain.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshjTunnelAdapterTest {
  private static final int BIG = 1024 * 1024;

  @TempDir Path folder;

  private final MutableClock clock = new MutableClock(SshFixture.T0);
  private TestSshServer server;
  private HttpServer http;
  private SshSessions sessions;
  private SshjTunnelAdapter tunnels;

  @BeforeEach
  void start() throws Exception {
    server = TestSshServer.start();
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    http.createContext(
        "/",
        exchange -> {
          String auth = exchange.getRequestHeaders().getFirst("Authorization");
          byte[] body =
              exchange.getRequestURI().getPath().equals("/big")
                  ? "x".repeat(BIG).getBytes(StandardCharsets.UTF_8)
                  : ("hello " + exchange.getRequestURI().getPath() + " " + auth)
                      .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    http.setExecutor(Executors.newCachedThreadPool());
    http.start();
    sessions = SshFixture.sessions(folder, clock);
    tunnels = new SshjTunnelAdapter(sessions);
  }

  @AfterEach
  void stop() throws Exception {
    tunnels.close();
    sessions.close();
    http.stop(0);
    server.close();
  }

  private Instance instance(long id) {
    return SshFixture.instance(id, server.port(), 0);
  }

  private int engine() {
    return http.getAddress().getPort();
  }

  @Test
  void forwardsALocalPortToTheInstancesEngine() throws Exception {
    Endpoint endpoint = tunnels.openTunnel(instance(1), engine());

    assertThat(endpoint.scheme()).isEqualTo(Scheme.HTTP);
    assertThat(endpoint.host()).isEqualTo("127.0.0.1");
    assertThat(endpoint.bearerToken().reveal()).isEqualTo("token-1");
    assertThat(get(endpoint, "/v1/models")).endsWith("hello /v1/models Bearer token-1");
  }

  @Test
  void opensOnceAndSharesTheGpuProbesSession() throws Exception {
    new SshjGpuMetricsAdapter(sessions).readGpus(instance(2));

    Endpoint first = tunnels.openTunnel(instance(2), engine());
    Endpoint again = tunnels.openTunnel(instance(2), engine());
    get(first, "/a");
    get(first, "/b");

    assertThat(again).isEqualTo(first);
    assertThat(server.sessionsCreated()).isEqualTo(1);
  }

  @Test
  void carriesLargeBodiesAndParallelConnections() throws Exception {
    Endpoint endpoint = tunnels.openTunnel(instance(3), engine());
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> answers = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        String path = i % 4 == 0 ? "/big" : "/small-" + i;
        answers.add(clients.submit(() -> get(endpoint, path)));
      }
      for (int i = 0; i < answers.size(); i++) {
        String answer = answers.get(i).get(20, TimeUnit.SECONDS);
        if (i % 4 == 0) {
          assertThat(answer).endsWith("x".repeat(BIG));
        } else {
          assertThat(answer).endsWith("hello /small-" + i + " Bearer token-3");
        }
      }
    } finally {
      clients.shutdownNow();
    }
  }

  @Test
  void keepsWorkingOnTheSamePortAfterTheSessionIsKilled() throws Exception {
    Endpoint endpoint = tunnels.openTunnel(instance(4), engine());
    assertThat(get(endpoint, "/before")).endsWith("hello /before Bearer token-4");

    server.killSessions();
    Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> server.sessionsOpen() == 0);

    assertThat(get(endpoint, "/after")).endsWith("hello /after Bearer token-4");
    assertThat(server.sessionsCreated()).isEqualTo(2);
    assertThat(tunnels.openTunnel(instance(4), engine())).isEqualTo(endpoint);
  }

  @Test
  void closeReleasesTheLocalPortAndEndsOpenConnections() throws Exception {
    Endpoint endpoint = tunnels.openTunnel(instance(5), engine());
    LocalForward forward = tunnels.forwardOf(instance(5).id()).orElseThrow();
    try (Socket idle = new Socket(InetAddress.getLoopbackAddress(), endpoint.port())) {
      idle.setSoTimeout(5_000);

      tunnels.closeTunnel(instance(5).id());

      assertEnded(idle);
    }
    assertReleased(forward);
    tunnels.closeTunnel(instance(5).id());
  }

  @Test
  void aNewContainerPortGetsANewForward() throws Exception {
    Endpoint old = tunnels.openTunnel(instance(6), 18000);
    LocalForward oldForward = tunnels.forwardOf(instance(6).id()).orElseThrow();

    Endpoint current = tunnels.openTunnel(instance(6), engine());

    assertThat(current.port()).isNotEqualTo(old.port());
    assertThat(get(current, "/x")).endsWith("hello /x Bearer token-6");
    assertReleased(oldForward);
  }

  @Test
  void aClosedEngineEndsTheConnectionNotTheForward() throws Exception {
    Endpoint endpoint = tunnels.openTunnel(instance(7), freePort());

    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), endpoint.port())) {
      socket.setSoTimeout(5_000);
      assertEnded(socket);
    }
    assertThat(server.sessionsOpen()).as("the session survives").isEqualTo(1);
  }

  @Test
  void withoutSshNoTunnelOpens() {
    server.acceptLogins(false);

    assertThatThrownBy(() -> tunnels.openTunnel(instance(8), engine()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("login as root refused");
  }

  @Test
  void closingTheAdapterClosesEveryForward() throws Exception {
    tunnels.openTunnel(instance(9), engine());
    tunnels.openTunnel(instance(10), engine());
    LocalForward a = tunnels.forwardOf(instance(9).id()).orElseThrow();
    LocalForward b = tunnels.forwardOf(instance(10).id()).orElseThrow();

    tunnels.close();

    assertReleased(a);
    assertReleased(b);
    assertThatThrownBy(() -> tunnels.openTunnel(instance(11), engine()))
        .isInstanceOf(IOException.class);
  }

  /** The connection ends: closed (or reset, if it was never accepted), not left hanging. */
  private static void assertEnded(Socket socket) {
    int read;
    try {
      read = socket.getInputStream().read();
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the connection was left open", e);
    } catch (IOException reset) {
      return;
    }
    assertThat(read).as("the connection is ended").isEqualTo(-1);
  }

  /**
   * Nothing of ours listens on the port any more. (Binding it again would be a weaker check: on a
   * busy machine another program may take a freed port at once.)
   */
  private static void assertReleased(LocalForward forward) {
    assertThat(forward.isOpen()).as("still listening on " + forward.localPort()).isFalse();
  }

  private static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }

  /** A plain HTTP/1.1 GET with {@code Connection: close}, read to the end. */
  private static String get(Endpoint endpoint, String path) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), endpoint.port())) {
      socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET "
                  + path
                  + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                  + endpoint.bearerToken().reveal()
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      in.transferTo(response);
      String text = response.toString(StandardCharsets.UTF_8);
      assertThat(text).startsWith("HTTP/1.1 200");
      return text;
    }
  }
}
