package dev.vastproxy.adapters.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import org.junit.jupiter.api.Test;

class FailureReasonsTest {
  private static final Duration TEN = Duration.ofSeconds(10);

  private static String describe(Exception e) {
    return FailureReasons.describe(e, TEN, "root");
  }

  @Test
  void namesWhatWentWrongInAFewWords() {
    assertThat(describe(new ConnectException("Connection refused")))
        .isEqualTo("connection refused");
    assertThat(describe(new SocketTimeoutException("connect timed out")))
        .isEqualTo("no answer within 10 s");
    assertThat(describe(new TransportException("Timeout expired")))
        .isEqualTo("no answer within 10 s");
    assertThat(describe(new UserAuthException("Exhausted available authentication methods")))
        .isEqualTo("login as root refused (public key not accepted)");
    assertThat(describe(new NoRouteToHostException("x"))).isEqualTo("no route to host");
    assertThat(describe(new UnknownHostException("ssh9.vast.ai"))).isEqualTo("unknown host");
    assertThat(describe(new TransportException("Broken transport; encountered EOF")))
        .isEqualTo("connection closed by the server");
    assertThat(describe(new IOException())).isEqualTo("IOException");
    assertThat(describe(new IOException(" odd "))).isEqualTo("odd");
  }

  @Test
  void tellsABrokenConnectionFromARefusedRequest() {
    assertThat(FailureReasons.brokenTransport(new TransportException("gone"))).isTrue();
    assertThat(FailureReasons.brokenTransport(new ConnectionException(new EOFException())))
        .isTrue();
    assertThat(
            FailureReasons.brokenTransport(
                new OpenFailException("direct-tcpip", 2, "connect failed")))
        .isFalse();
    assertThat(FailureReasons.brokenTransport(new ConnectionException("exec refused"))).isFalse();
  }

  @Test
  void writesDurationsPlainly() {
    assertThat(FailureReasons.seconds(Duration.ofSeconds(20))).isEqualTo("20 s");
    assertThat(FailureReasons.seconds(Duration.ofMillis(700))).isEqualTo("700 ms");
  }
}
