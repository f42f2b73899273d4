package dev.vastproxy.adapters.http.relay;

import static dev.vastproxy.adapters.http.relay.ExchangePhase.AWAITING_HEADERS;
import static dev.vastproxy.adapters.http.relay.ExchangePhase.CHOOSING;
import static dev.vastproxy.adapters.http.relay.ExchangePhase.CONNECTING;
import static dev.vastproxy.adapters.http.relay.ExchangePhase.DONE;
import static dev.vastproxy.adapters.http.relay.ExchangePhase.READING_BODY;
import static dev.vastproxy.adapters.http.relay.ExchangePhase.RELAYING;
import static dev.vastproxy.adapters.http.relay.ExchangePhase.RESUMING;
import static dev.vastproxy.adapters.http.relay.ExchangePhase.SENDING;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The moves an exchange may make, all of them. */
class ExchangePhaseTest {
  private static final Map<ExchangePhase, Set<ExchangePhase>> ALLOWED =
      Map.of(
          READING_BODY, EnumSet.of(CHOOSING, DONE),
          CHOOSING, EnumSet.of(CONNECTING, DONE),
          CONNECTING, EnumSet.of(SENDING, CONNECTING, CHOOSING, DONE),
          SENDING, EnumSet.of(AWAITING_HEADERS, RELAYING, CONNECTING, CHOOSING, DONE),
          AWAITING_HEADERS, EnumSet.of(AWAITING_HEADERS, RELAYING, CONNECTING, CHOOSING, DONE),
          RELAYING, EnumSet.of(RESUMING, DONE),
          RESUMING, EnumSet.of(RELAYING, RESUMING, DONE),
          DONE, EnumSet.of(DONE));

  @Test
  void everyMoveIsAllowedExactlyAsListed() {
    for (ExchangePhase from : ExchangePhase.values()) {
      for (ExchangePhase to : ExchangePhase.values()) {
        assertThat(from.canMoveTo(to))
            .as("%s -> %s", from, to)
            .isEqualTo(ALLOWED.get(from).contains(to));
      }
    }
  }
}
