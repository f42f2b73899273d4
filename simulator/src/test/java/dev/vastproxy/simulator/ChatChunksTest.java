package dev.vastproxy.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ChatChunksTest {

  @Test
  void chunksAreOpenAiShapedJsonWithoutExtraFields() throws Exception {
    JsonNode chunk =
        new ObjectMapper().readTree(ChatChunks.chatChunk("c1", "Qwen/Qwen3-8B", "he\"llo"));

    assertThat(chunk.get("object").asText()).isEqualTo("chat.completion.chunk");
    assertThat(chunk.get("model").asText()).isEqualTo("Qwen/Qwen3-8B");
    assertThat(chunk.at("/choices/0/delta/content").asText()).isEqualTo("he\"llo");
    assertThat(chunk.has("t")).isFalse();
  }

  @Test
  void benchmarkChunksCarryTheirSendTime() throws Exception {
    JsonNode chunk =
        new ObjectMapper().readTree(ChatChunks.chatChunk("c1", "Qwen/Qwen3-8B", "hello", 42));

    assertThat(chunk.at("/choices/0/delta/content").asText()).isEqualTo("hello");
    assertThat(chunk.get("t").asLong()).isEqualTo(42);
  }

  @Test
  void framesEndWithABlankLine() {
    assertThat(ChatChunks.frame("{}")).isEqualTo("data: {}\n\n");
    assertThat(ChatChunks.DONE).isEqualTo("data: [DONE]\n\n");
  }
}
