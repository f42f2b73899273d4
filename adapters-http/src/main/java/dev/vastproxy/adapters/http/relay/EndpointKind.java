package dev.vastproxy.adapters.http.relay;

import java.util.Locale;

/** Which OpenAI API a request calls, from its path: a small fixed set, fit for a metric label. */
public enum EndpointKind {
  /** {@code /v1/chat/completions}. */
  CHAT,
  /** {@code /v1/completions}. */
  COMPLETIONS,
  /** {@code /v1/responses} and what is under it. */
  RESPONSES,
  /** {@code /v1/embeddings}. */
  EMBEDDINGS,
  /** {@code /v1/models} and what is under it. */
  MODELS,
  /** Anything else: an engine's own API, health, tokenizer, ... */
  OTHER;

  private final String label = name().toLowerCase(Locale.ROOT);

  /** The kind of a request path (without its query); allocates nothing. */
  public static EndpointKind of(String path) {
    if (!path.startsWith("/v1/")) {
      return OTHER;
    }
    if (is(path, "/v1/chat/completions")) {
      return CHAT;
    }
    if (is(path, "/v1/completions")) {
      return COMPLETIONS;
    }
    if (is(path, "/v1/embeddings")) {
      return EMBEDDINGS;
    }
    if (is(path, "/v1/responses") || path.startsWith("/v1/responses/")) {
      return RESPONSES;
    }
    if (is(path, "/v1/models") || path.startsWith("/v1/models/")) {
      return MODELS;
    }
    return OTHER;
  }

  /** The path itself, or it with one trailing slash. */
  private static boolean is(String path, String endpoint) {
    return path.startsWith(endpoint)
        && (path.length() == endpoint.length()
            || (path.length() == endpoint.length() + 1 && path.charAt(endpoint.length()) == '/'));
  }

  /** The lower-case metric label value. */
  public String label() {
    return label;
  }
}
