package dev.vastproxy.adapters.http.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.domain.cost.TokensServed;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenScannerTest {
  private static final String VLLM_CHAT =
      "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
          + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hi"
          + " \\\"there\\\"\"},\"finish_reason\":\"stop\"}],"
          + "\"usage\":{\"prompt_tokens\":17,\"total_tokens\":26,\"completion_tokens\":9,"
          + "\"prompt_tokens_details\":null},\"prompt_logprobs\":null}";

  private static final String SGLANG_CHAT =
      "{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":"
          + "{\"role\":\"assistant\",\"content\":\"ok\",\"reasoning_content\":null}}],\n"
          + "  \"usage\": {\n    \"prompt_tokens\": 31,\n    \"completion_tokens\": 4,\n"
          + "    \"prompt_tokens_details\": {\"cached_tokens\": 30},\n"
          + "    \"total_tokens\": 35\n  },\n  \"metadata\": {\"weight_version\": \"default\"}\n}";

  @Test
  void aChatAnswersUsageIsFound() {
    assertThat(scanJson(VLLM_CHAT)).contains(TokensServed.usage(17, 9));
  }

  @Test
  void onlyTheUsageObjectsOwnMembersCountNotItsDetails() {
    assertThat(scanJson(SGLANG_CHAT)).contains(TokensServed.usage(31, 4));
  }

  @Test
  void responsesAndEmbeddingsNameTheirCountsOtherwise() {
    String responses =
        "{\"id\":\"resp_1\",\"object\":\"response\",\"output\":[{\"type\":\"message\",\"content\":"
            + "[{\"type\":\"output_text\",\"text\":\"Hello\"}]}],\"usage\":{\"input_tokens\":12,"
            + "\"input_tokens_details\":{\"cached_tokens\":0},\"output_tokens\":5,"
            + "\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":17}}";
    String embeddings =
        "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":"
            + "[0.0123,-0.5,1e-3]}],\"model\":\"e5\",\"usage\":{\"prompt_tokens\":8,"
            + "\"total_tokens\":8}}";

    assertThat(scanJson(responses)).contains(TokensServed.usage(12, 5));
    assertThat(scanJson(embeddings)).contains(TokensServed.usage(8, 0));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 7, 64})
  void readsCutAnywhereGiveTheSameCounts(int size) {
    TokenScanner scanner = new TokenScanner(false, TokenScanner.COMPLETION_CONTENT);
    byte[] bytes = SGLANG_CHAT.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i += size) {
      scanner.scan(ByteBuffer.wrap(bytes, i, Math.min(size, bytes.length - i)));
    }

    assertThat(scanner.served()).contains(TokensServed.usage(31, 4));
  }

  @Test
  void usageInsideTextIsNotUsage() {
    String tricky =
        "{\"choices\":[{\"message\":{\"content\":\"say \\\"usage\\\": {\\\"prompt_tokens\\\":"
            + " 999}\"}}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2}}";
    String none = "{\"choices\":[{\"message\":{\"content\":\"\\\"usage\\\":{}\"}}],\"usage\":null}";

    assertThat(scanJson(tricky)).contains(TokensServed.usage(3, 2));
    assertThat(scanJson(none)).isEmpty();
  }

  @Test
  void onlyKeysNameCountsNotValuesOrLongerKeysThatStartAlike() {
    String json =
        "{\"object\":\"usage\",\"note\":\"prompt_tokens\",\"usage\":{\"completion_tokens_by_kind\":7,"
            + "\"prompt_tokens\":4,\"completion_tokens\":3,\"prompt\":9},\"x\":{\"prompt_tokens\":8}}";

    assertThat(scanJson(json)).contains(TokensServed.usage(4, 3));
  }

  @Test
  void countsThatAreNotWholeNumbersAreIgnored() {
    assertThat(scanJson("{\"usage\":{\"prompt_tokens\":1.5,\"completion_tokens\":-2}}")).isEmpty();
    assertThat(scanJson("{\"usage\":{\"prompt_tokens\":\"7\",\"completion_tokens\":2e3}}"))
        .isEmpty();
  }

  @Test
  void aStreamsFinalUsageChunkWinsOverItsContentEvents() {
    String stream =
        chunk("{\"role\":\"assistant\",\"content\":\"\"}")
            + chunk("{\"content\":\"Hello\"}")
            + chunk("{\"content\":\" world\"}")
            + "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":"
            + "\"stop\"}]}\n\n"
            + "data: {\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,"
            + "\"completion_tokens\":2,\"total_tokens\":14}}\n\n"
            + "data: [DONE]\n\n";

    assertThat(scanStream(stream)).contains(TokensServed.usage(12, 2));
  }

  @Test
  void withoutUsageEachContentEventIsOneEstimatedToken() {
    String stream =
        chunk("{\"role\":\"assistant\",\"content\":\"\"}")
            + chunk("{\"content\":\"Hello\"}")
            + chunk("{\"reasoning_content\":\"hmm\"}")
            + chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"a\"}}]}")
            + chunk("{\"content\":\"\\n\"}")
            + chunk("{\"content\":null}")
            + "data: {\"choices\":[{\"index\":0,\"text\":\"x\",\"finish_reason\":null}],"
            + "\"usage\":null}\n\n"
            + ": keep-alive\n\n"
            + "data: [DONE]\n\n";

    assertThat(scanStream(stream)).contains(TokensServed.estimate(5));
  }

  @Test
  void cumulativeUsageInEveryChunkIsReadAtItsLast() {
    String stream =
        "data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}],\"usage\":{\"prompt_tokens\":5,"
            + "\"completion_tokens\":1}}\r\n\r\n"
            + "data: {\"choices\":[{\"delta\":{\"content\":\"b\"}}],\"usage\":{\"prompt_tokens\":5,"
            + "\"completion_tokens\":2}}\r\n\r\n"
            + "data: [DONE]\r\n\r\n";

    assertThat(scanStream(stream)).contains(TokensServed.usage(5, 2));
  }

  @Test
  void aResponsesStreamCountsItsDeltaEventsNotTheTextItRepeatsAtTheEnd() {
    TokenScanner scanner = new TokenScanner(true, TokenScanner.RESPONSES_CONTENT);
    String events =
        "event: response.created\ndata: {\"type\":\"response.created\",\"response\":"
            + "{\"usage\":null}}\n\n"
            + "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\","
            + "\"delta\":\"Hel\"}\n\n"
            + "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\","
            + "\"delta\":\"lo\"}\n\n"
            + "event: response.output_text.done\ndata: {\"type\":\"response.output_text.done\","
            + "\"text\":\"Hello\"}\n\n";
    scanner.scan(utf8(events));

    assertThat(scanner.served()).contains(TokensServed.estimate(2));

    scanner.scan(
        utf8(
            "event: response.completed\ndata: {\"type\":\"response.completed\",\"response\":"
                + "{\"output\":[],\"usage\":{\"input_tokens\":9,\"output_tokens\":2}}}\n\n"));
    assertThat(scanner.served()).contains(TokensServed.usage(9, 2));
  }

  @Test
  void aHalfEventIsNotCountedAndBrokenDataDoesNotDerailTheNext() {
    // An event whose JSON breaks off still ended (the client got it, with its text): it counts.
    String stream =
        chunk("{\"content\":\"one\"}")
            + "data: {\"choices\":[{\"delta\":{\"content\":\"unterminated\n\n"
            + "data: not json at all ]]]}}}\n\n"
            + chunk("{\"content\":\"two\"}")
            + "data: {\"choices\":[{\"delta\":{\"content\":\"cut";

    assertThat(scanStream(stream)).contains(TokensServed.estimate(3));
  }

  @Test
  void aWholeAnswerIsNeverEstimated() {
    TokenScanner scanner = new TokenScanner(false, TokenScanner.COMPLETION_CONTENT);
    scanner.scan(utf8(chunk("{\"content\":\"Hello\"}")));

    assertThat(scanner.served()).isEmpty();
  }

  @Test
  void scanningLeavesTheBufferAsItWas() {
    ByteBuffer read = utf8(VLLM_CHAT);
    int position = read.position();

    new TokenScanner(false, TokenScanner.COMPLETION_CONTENT).scan(read);

    assertThat(read.position()).isEqualTo(position);
    assertThat(read.remaining()).isEqualTo(VLLM_CHAT.length());
  }

  @Test
  void hugeCountsDoNotOverflow() {
    assertThat(
            scanJson(
                "{\"usage\":{\"prompt_tokens\":99999999999999999999999,\"completion_tokens\":1}}"))
        .hasValueSatisfying(served -> assertThat(served.prompt()).isPositive());
  }

  private static String chunk(String delta) {
    return "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
        + "\"delta\":"
        + delta
        + ",\"logprobs\":null,\"finish_reason\":null}]}\n\n";
  }

  private static Optional<TokensServed> scanJson(String json) {
    TokenScanner scanner = new TokenScanner(false, TokenScanner.COMPLETION_CONTENT);
    scanner.scan(utf8(json));
    return scanner.served();
  }

  private static Optional<TokensServed> scanStream(String events) {
    TokenScanner scanner = new TokenScanner(true, TokenScanner.COMPLETION_CONTENT);
    scanner.scan(utf8(events));
    return scanner.served();
  }

  private static ByteBuffer utf8(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }
}
