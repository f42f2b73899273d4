package dev.vastproxy.domain.backend;

import java.util.Objects;

/**
 * One model as an engine lists it: its id, which routing uses, and the engine's whole entry for it
 * as JSON text, which the proxy hands to clients unread (they size their context from fields such
 * as {@code max_model_len}). The adapter that reads the listing checks the JSON; the domain only
 * bounds its size.
 *
 * @param id the model id, never blank
 * @param json the engine's entry, one JSON object of at most {@link #MAX_JSON_CHARS} characters
 */
public record ModelCard(String id, String json) {
  /** The largest entry kept; a real one is well under a kilobyte. */
  public static final int MAX_JSON_CHARS = 16_384;

  public ModelCard {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(json, "json");
    if (id.isBlank()) {
      throw new IllegalArgumentException("a model id must not be blank");
    }
    if (json.length() > MAX_JSON_CHARS) {
      throw new IllegalArgumentException(
          "model entry of " + json.length() + " characters is over " + MAX_JSON_CHARS);
    }
    if (!json.startsWith("{") || !json.endsWith("}")) {
      throw new IllegalArgumentException("a model entry must be one JSON object");
    }
  }
}
