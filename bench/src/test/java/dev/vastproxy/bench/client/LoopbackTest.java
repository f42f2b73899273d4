package dev.vastproxy.bench.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoopbackTest {
  @Test
  void acceptsLoopbackNamesAndLiterals() {
    assertThat(Loopback.address("localhost", 80).getAddress().isLoopbackAddress()).isTrue();
    assertThat(Loopback.address("127.0.0.1", 81).getPort()).isEqualTo(81);
    assertThat(Loopback.address("127.1.2.3", 82).getAddress().isLoopbackAddress()).isTrue();
    assertThat(Loopback.address("::1", 83).getAddress().isLoopbackAddress()).isTrue();
    assertThat(Loopback.port(84).getHostString()).isEqualTo("127.0.0.1");
  }

  @Test
  void refusesEveryOtherHostWithoutLookingItUp() {
    assertThatThrownBy(() -> Loopback.address("example.com", 80))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only loopback");
    assertThatThrownBy(() -> Loopback.address("10.0.0.1", 80))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Loopback.address("2001:db8::1", 80))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Loopback.address("1:2:3:zz::", 80))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an IP");
  }
}
