package dev.vastproxy.adapters.http.relay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndpointKindTest {
  @ParameterizedTest
  @CsvSource({
    "/v1/chat/completions, chat",
    "/v1/chat/completions/, chat",
    "/v1/chat/completionsx, other",
    "/v1/completions, completions",
    "/v1/responses, responses",
    "/v1/responses/resp_1, responses",
    "/v1/embeddings, embeddings",
    "/v1/models, models",
    "/v1/models/qwen, models",
    "/v1/rerank, other",
    "/generate, other",
    "/, other"
  })
  void classifiesPaths(String path, String label) {
    assertThat(EndpointKind.of(path).label()).isEqualTo(label);
  }
}
