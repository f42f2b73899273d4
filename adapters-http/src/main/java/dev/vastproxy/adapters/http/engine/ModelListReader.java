package dev.vastproxy.adapters.http.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vastproxy.domain.backend.ModelCard;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads an engine's {@code GET /v1/models} body into model cards, each keeping the engine's entry
 * as it came (vLLM's {@code max_model_len}, llama.cpp's {@code meta}, ...), re-serialised
 * compactly. Entries that are not objects or whose {@code id} is not a non-blank string are
 * dropped, as is a repeated id; an entry too large to keep is cut down to its id, so routing still
 * sees the model.
 */
final class ModelListReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelListReader() {}

  /** The cards of the listing, in order; empty when the body is not a model list. */
  static List<ModelCard> read(byte[] body) {
    JsonNode data;
    try {
      data = JSON.readTree(body).path("data");
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
    List<ModelCard> cards = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (JsonNode entry : data) {
      JsonNode id = entry.get("id");
      if (!entry.isObject()
          || id == null
          || !id.isTextual()
          || id.asText().isBlank()
          || !seen.add(id.asText())) {
        continue;
      }
      cards.add(card(id.asText(), entry));
    }
    return List.copyOf(cards);
  }

  private static ModelCard card(String id, JsonNode entry) {
    try {
      String json = JSON.writeValueAsString(entry);
      if (json.length() <= ModelCard.MAX_JSON_CHARS) {
        return new ModelCard(id, json);
      }
      ObjectNode bare = JSON.createObjectNode().put("id", id).put("object", "model");
      return new ModelCard(id, JSON.writeValueAsString(bare));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed JSON tree always serialises", e);
    }
  }
}
