package dev.vastproxy.domain.cost;

import java.util.Objects;

/**
 * The tokens one answer of one instance served.
 *
 * @param prompt prompt (input) tokens
 * @param completion completion (output) tokens
 * @param source whether the engine said so ({@code usage}) or the proxy estimated them
 */
public record TokensServed(long prompt, long completion, TokenSource source) {
  public TokensServed {
    Objects.requireNonNull(source, "source");
    if (prompt < 0 || completion < 0) {
      throw new IllegalArgumentException(
          "token counts must not be negative, got " + prompt + " and " + completion);
    }
  }

  /** What an engine's {@code usage} said. */
  public static TokensServed usage(long prompt, long completion) {
    return new TokensServed(prompt, completion, TokenSource.USAGE);
  }

  /** Completion tokens the proxy counted in a stream that carried no {@code usage}. */
  public static TokensServed estimate(long completion) {
    return new TokensServed(0, completion, TokenSource.ESTIMATE);
  }
}
