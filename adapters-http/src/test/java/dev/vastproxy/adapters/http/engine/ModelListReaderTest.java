package dev.vastproxy.adapters.http.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vastproxy.domain.backend.ModelCard;
import dev.vastproxy.domain.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelListReaderTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<ModelCard> read(String body) {
    return ModelListReader.read(body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void keepsAVllmEntryAsTheEngineWroteIt() throws Exception {
    String body = Fixtures.read("engines/vllm-models.json");

    List<ModelCard> cards = read(body);

    assertThat(cards).extracting(ModelCard::id).containsExactly("Qwen/Qwen3-8B");
    assertThat(JSON.readTree(cards.get(0).json())).isEqualTo(JSON.readTree(body).at("/data/0"));
    assertThat(JSON.readTree(cards.get(0).json()).get("max_model_len").asInt()).isEqualTo(32768);
  }

  @Test
  void keepsALlamaCppEntryWithItsMeta() throws Exception {
    String entry =
        "{\"id\":\"gemma-3-4b-it-Q4_K_M.gguf\",\"object\":\"model\",\"created\":1786003900,"
            + "\"owned_by\":\"llamacpp\",\"meta\":{\"vocab_type\":1,\"n_vocab\":262144,"
            + "\"n_ctx_train\":131072,\"n_embd\":2560,\"n_params\":3880263168,"
            + "\"size\":2489757696,\"n_ctx\":8192}}";

    List<ModelCard> cards = read("{\"object\":\"list\",\"data\":[" + entry + "]}");

    assertThat(cards).hasSize(1);
    JsonNode kept = JSON.readTree(cards.get(0).json());
    assertThat(kept).isEqualTo(JSON.readTree(entry));
    assertThat(kept.at("/meta/n_ctx").asInt()).isEqualTo(8192);
  }

  @Test
  void dropsEntriesWithoutAStringIdAndRepeatedIds() {
    List<ModelCard> cards =
        read(
            "{\"data\":[{\"id\":1},{\"id\":null},{\"object\":\"model\"},\"m\",{\"id\":\" \"},"
                + "{\"id\":\"a\",\"n\":1},{\"id\":\"b\"},{\"id\":\"a\",\"n\":2}]}");

    assertThat(cards).extracting(ModelCard::id).containsExactly("a", "b");
    assertThat(cards.get(0).json()).isEqualTo("{\"id\":\"a\",\"n\":1}");
  }

  @Test
  void somethingElseIsNoModelList() {
    assertThat(read("not json")).isEmpty();
    assertThat(read("{\"data\":{}}")).isEmpty();
    assertThat(read("[]")).isEmpty();
    assertThat(read("")).isEmpty();
  }

  @Test
  void anOversizedEntryKeepsOnlyItsId() {
    String padding = "x".repeat(ModelCard.MAX_JSON_CHARS);

    List<ModelCard> cards = read("{\"data\":[{\"id\":\"big\",\"pad\":\"" + padding + "\"}]}");

    assertThat(cards)
        .containsExactly(new ModelCard("big", "{\"id\":\"big\",\"object\":\"model\"}"));
  }
}
