package dev.vastproxy.domain.backend;

import static dev.vastproxy.domain.backend.BackendState.CONNECTING;
import static dev.vastproxy.domain.backend.BackendState.DISCOVERED;
import static dev.vastproxy.domain.backend.BackendState.HEALTHY;
import static dev.vastproxy.domain.backend.BackendState.REMOVING;
import static dev.vastproxy.domain.backend.BackendState.UNHEALTHY;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BackendStateTest {

  /** The lifecycle of behaviour.md §4, as the full from/to matrix. */
  private static final Set<String> ALLOWED =
      Set.of(
          "DISCOVERED->CONNECTING",
          "DISCOVERED->REMOVING",
          "CONNECTING->HEALTHY",
          "CONNECTING->REMOVING",
          "HEALTHY->UNHEALTHY",
          "HEALTHY->REMOVING",
          "UNHEALTHY->HEALTHY",
          "UNHEALTHY->REMOVING");

  static Stream<Arguments> everyPair() {
    BackendState[] all = {DISCOVERED, CONNECTING, HEALTHY, UNHEALTHY, REMOVING};
    return Stream.of(all).flatMap(from -> Stream.of(all).map(to -> Arguments.of(from, to)));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("everyPair")
  void allowsExactlyTheDocumentedTransitions(BackendState from, BackendState to) {
    assertThat(from.canTransitionTo(to)).isEqualTo(ALLOWED.contains(from + "->" + to));
  }
}
