package dev.vastproxy.domain.instance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretTest {

  @Test
  void neverPrintsItsValue() {
    Secret secret = Secret.of("sk-very-secret");

    assertThat(secret.toString()).doesNotContain("sk-very-secret");
    assertThat(secret.reveal()).isEqualTo("sk-very-secret");
    assertThat(Secret.empty().toString()).doesNotContain("sk");
  }

  @Test
  void blankIsEmpty() {
    assertThat(Secret.of(null).isEmpty()).isTrue();
    assertThat(Secret.of("  ")).isSameAs(Secret.empty());
    assertThat(Secret.of(" k \n").reveal()).isEqualTo("k");
  }

  @Test
  void matchesExactlyTheSameText() {
    Secret secret = Secret.of("abc");

    assertThat(secret.matches("abc")).isTrue();
    assertThat(secret.matches("abd")).isFalse();
    assertThat(secret.matches("ab")).isFalse();
    assertThat(secret.matches(null)).isFalse();
    assertThat(secret).isEqualTo(Secret.of("abc")).hasSameHashCodeAs(Secret.of("abc"));
    assertThat(secret).isNotEqualTo(Secret.of("abd")).isNotEqualTo("abc");
  }
}
