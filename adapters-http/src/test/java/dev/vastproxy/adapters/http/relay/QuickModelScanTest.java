package dev.vastproxy.adapters.http.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.adapters.http.relay.QuickModelScan.Verdict;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The quick scan answers ordinary bodies itself and leaves the rest to a parser. */
class QuickModelScanTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"model\":\"Qwen/Qwen3-8B\",\"stream\":true,\"messages\":[]}|MODEL",
        "{\"messages\":[{\"role\":\"user\",\"content\":\"say \\\"hi\\\" [{\"}],\"model\":\"m\"}|MODEL",
        "{\"max_tokens\":16,\"temperature\":0.5e0,\"echo\":false,\"model\":\"m\"}|MODEL",
        "{\"model\":7}|NO_MODEL",
        "{\"prompt\":\"x\"}|NO_MODEL",
        "{}|NO_MODEL",
        "{\"mod\\u0065l\":\"m\"}|UNSURE",
        "{\"model\":\"caf\\u00e9\"}|UNSURE",
        "[\"model\"]|UNSURE",
        "{\"model\":\"m\"|MODEL",
        "{\"a\":[1,2|UNSURE",
        "{\"a\" 1}|UNSURE",
      })
  void answers(String body, Verdict expected) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

    assertThat(new QuickModelScan(bytes, bytes.length).run()).isEqualTo(expected);
  }
}
