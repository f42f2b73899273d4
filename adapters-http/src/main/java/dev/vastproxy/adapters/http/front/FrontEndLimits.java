package dev.vastproxy.adapters.http.front;

import java.time.Duration;
import java.util.Objects;

/**
 * How long and how much a client may take before it is cut off.
 *
 * @param headerTimeout time from the first byte of a request head to its end; a client that has not
 *     finished its headers by then is disconnected (bytes dribbled in meanwhile do not restart it)
 * @param keepAliveIdle time a connection may sit with no request in it before it is closed; never
 *     applies while a request is in flight, however long its answer is silent
 * @param maxHeaderBytes the most bytes a request head may have (request line, headers, blank line);
 *     larger heads get 431
 */
public record FrontEndLimits(Duration headerTimeout, Duration keepAliveIdle, int maxHeaderBytes) {
  /** 32 KiB: far above what OpenAI clients send, far below what could pin memory. */
  public static final int MAX_HEADER_BYTES = 32 * 1024;

  /** 30 s for headers, 120 s idle keep-alive, 32 KiB of head. */
  public static final FrontEndLimits DEFAULTS =
      new FrontEndLimits(Duration.ofSeconds(30), Duration.ofSeconds(120), MAX_HEADER_BYTES);

  public FrontEndLimits {
    Objects.requireNonNull(headerTimeout, "headerTimeout");
    Objects.requireNonNull(keepAliveIdle, "keepAliveIdle");
    requireMillis(headerTimeout, "headerTimeout");
    requireMillis(keepAliveIdle, "keepAliveIdle");
    if (maxHeaderBytes < 1024) {
      throw new IllegalArgumentException("maxHeaderBytes must be at least 1024: " + maxHeaderBytes);
    }
  }

  /** The same limits with other timeouts (the header size is not a setting). */
  public FrontEndLimits withTimeouts(Duration header, Duration keepAlive) {
    return new FrontEndLimits(header, keepAlive, maxHeaderBytes);
  }

  // Undertow takes both as int milliseconds.
  private static void requireMillis(Duration value, String name) {
    if (value.toMillis() < 1 || value.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          name + " must be between 1 ms and " + Integer.MAX_VALUE + " ms: " + value);
    }
  }
}
