package dev.vastproxy.adapters.http.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.adapters.http.relay.AttemptFailure.Cause;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What follows a failed try, as a table of what had happened by then. */
class FailureVerdictTest {

  @ParameterizedTest(
      name = "{0} reused={1} written={2} replayable={3} started={4} retry={5} -> {6}")
  @CsvSource({
    // A connect that failed: nothing reached the engine.
    "UNREACHABLE, false, false, true,  false, false, RETRY_ELSEWHERE_UNREACHABLE",
    "UNREACHABLE, false, false, false, false, true,  BAD_GATEWAY",
    // A kept connection found closed before a byte was written: the same backend, fresh.
    "TRANSPORT,   true,  false, true,  false, false, RETRY_FRESH_CONNECTION",
    // A fresh connection that failed before a byte was written: another backend.
    "TRANSPORT,   false, false, true,  false, false, RETRY_ELSEWHERE",
    // Bytes were written: never the same engine again; another one while retries are left.
    "TRANSPORT,   true,  true,  true,  false, false, BAD_GATEWAY",
    "TRANSPORT,   false, true,  true,  false, false, BAD_GATEWAY",
    "TRANSPORT,   true,  true,  true,  false, true,  RETRY_ELSEWHERE",
    "TRANSPORT,   false, true,  true,  false, true,  RETRY_ELSEWHERE",
    // A body streamed from the client cannot be sent again.
    "TRANSPORT,   true,  false, false, false, true,  BAD_GATEWAY",
    "TRANSPORT,   false, true,  false, false, true,  BAD_GATEWAY",
    // A silent backend may be working on it.
    "SILENCE,     false, true,  true,  false, true,  BAD_GATEWAY",
    "SILENCE,     true,  false, true,  false, true,  BAD_GATEWAY",
    // Once the client has part of the answer, it is cut (or continued by the exchange).
    "TRANSPORT,   true,  true,  true,  true,  true,  CUT_CLIENT",
    "SILENCE,     false, true,  true,  true,  true,  CUT_CLIENT",
    "UNREACHABLE, false, false, true,  true,  true,  CUT_CLIENT",
  })
  void verdicts(
      Cause cause,
      boolean reused,
      boolean written,
      boolean replayable,
      boolean started,
      boolean retryLeft,
      FailureVerdict expected) {
    FailureVerdict verdict =
        FailureVerdict.of(
            new AttemptFailure(cause, reused, written, replayable, started, "why"), retryLeft);

    assertThat(verdict).isEqualTo(expected);
    assertThat(verdict.retries()).isEqualTo(expected.name().startsWith("RETRY"));
  }

  @ParameterizedTest
  @CsvSource({
    "RETRY_FRESH_CONNECTION, NONE",
    "RETRY_ELSEWHERE_UNREACHABLE, UNREACHABLE",
    "RETRY_ELSEWHERE, REQUEST_FAILED",
    "BAD_GATEWAY, REQUEST_FAILED",
    "CUT_CLIENT, REQUEST_FAILED",
  })
  void reports(FailureVerdict verdict, FailureVerdict.Report report) {
    assertThat(verdict.report()).isEqualTo(report);
  }
}
