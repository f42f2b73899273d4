package dev.vastproxy.domain.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vastproxy.domain.instance.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndpointTest {

  @Test
  void formatsUrisWithoutTheToken() {
    Endpoint endpoint = new Endpoint(Scheme.HTTP, "203.0.113.47", 40153, Secret.of("tok"));

    assertThat(endpoint.baseUri()).isEqualTo("http://203.0.113.47:40153");
    assertThat(endpoint.toString()).doesNotContain("tok");
    assertThat(endpoint.withScheme(Scheme.HTTPS).baseUri()).isEqualTo("https://203.0.113.47:40153");
    assertThat(endpoint.withScheme(Scheme.HTTP)).isSameAs(endpoint);
  }

  @Test
  void bracketsIpv6() {
    Endpoint endpoint = new Endpoint(Scheme.HTTP, "2001:db8::1", 8000, Secret.empty());

    assertThat(endpoint.authority()).isEqualTo("[2001:db8::1]:8000");
  }

  @Test
  void comparesAddressesWithoutTokens() {
    Endpoint a = new Endpoint(Scheme.HTTP, "h", 1, Secret.of("x"));

    assertThat(a.sameAddress(new Endpoint(Scheme.HTTP, "h", 1, Secret.of("y")))).isTrue();
    assertThat(a.sameAddress(new Endpoint(Scheme.HTTPS, "h", 1, Secret.of("x")))).isFalse();
    assertThat(a.sameAddress(new Endpoint(Scheme.HTTP, "h", 2, Secret.of("x")))).isFalse();
    assertThat(a.sameAddress(new Endpoint(Scheme.HTTP, "g", 1, Secret.of("x")))).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "'', 80",
    "'a b', 80",
    "'h/x', 80",
    "'h@x', 80",
    "'h?x', 80",
    "'h#x', 80",
    "h, 0",
    "h, 65536"
  })
  void rejectsUnusableAddresses(String host, int port) {
    assertThatThrownBy(() -> new Endpoint(Scheme.HTTP, host, port, Secret.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void schemesAndTransportsHaveWireNames() {
    assertThat(Scheme.HTTPS.text()).isEqualTo("https");
    assertThat(Transport.SSH_TUNNEL.text()).isEqualTo("ssh-tunnel");
    assertThat(Transport.DIRECT.text()).isEqualTo("direct");
  }
}
