package dev.vastproxy.simulator.vastai;

import java.time.Duration;
import java.util.Objects;

/**
 * A misbehaviour the fake vast.ai API shows on a call instead of its normal answer: an error
 * status, a garbled body, or a delay before the normal answer.
 *
 * @param status the status to answer, or 0 to give the normal answer (after the delay)
 * @param contentType the {@code Content-Type} of the faulty answer
 * @param body the faulty answer's body
 * @param delay how long to wait before answering
 */
public record VastFault(int status, String contentType, String body, Duration delay) {
  public VastFault {
    if (status != 0 && (status < 100 || status > 599)) {
      throw new IllegalArgumentException("status must be 0 or 100-599, got " + status);
    }
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative, got " + delay);
    }
  }

  /** HTTP 429 with vast.ai's plain-text body and no {@code Retry-After}. */
  public static VastFault rateLimited() {
    return new VastFault(
        429, "text/plain", "API requests too frequent endpoint threshold=1.0", Duration.ZERO);
  }

  /** HTTP 500 with an HTML body, as a gateway sends it. */
  public static VastFault serverError() {
    return new VastFault(
        500,
        "text/html",
        "<html><body><h1>500 Internal Server Error</h1></body></html>",
        Duration.ZERO);
  }

  /** Any status with a JSON body, e.g. {@code 404} and {@code {"error":"auth_error"}}. */
  public static VastFault json(int status, String body) {
    return new VastFault(status, "application/json", body, Duration.ZERO);
  }

  /** HTTP 200 with a body that is not JSON. */
  public static VastFault garbage() {
    return new VastFault(200, "application/json", "{\"instances\": [ {\"id\": 1,", Duration.ZERO);
  }

  /** The normal answer, after a delay (longer than the client's timeout, to test it). */
  public static VastFault slow(Duration delay) {
    return new VastFault(0, "application/json", "", delay);
  }

  /** Whether the normal answer is given (late) instead of an error. */
  public boolean answersNormally() {
    return status == 0;
  }
}
