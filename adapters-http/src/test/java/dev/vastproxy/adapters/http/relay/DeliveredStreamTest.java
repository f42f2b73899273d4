package dev.vastproxy.adapters.http.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a client is given of a stream, and how a continuation is made to read as the same one. */
class DeliveredStreamTest {
  private static final String FIRST =
      "data: {\"id\":\"a\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,"
          + "\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n";

  private static String chunk(String id, String delta, String finish) {
    return "data: {\"id\":\""
        + id
        + "\",\"created\":9,\"model\":\"m2\",\"choices\":[{\"index\":0,\"delta\":"
        + delta
        + ",\"finish_reason\":"
        + finish
        + "}]}\n\n";
  }

  private static String write(DeliveredStream stream, String text) {
    ByteBuffer out = stream.filter().apply(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    return StandardCharsets.UTF_8.decode(out).toString();
  }

  @Test
  void wholeEventsPassUnchangedAndAHalfEventWaitsForItsEnd() {
    DeliveredStream stream = new DeliveredStream(true);
    String hello = chunk("a", "{\"content\":\"Hello\"}", "null");

    assertThat(write(stream, FIRST + hello)).isEqualTo(FIRST + hello);
    assertThat(write(stream, hello.substring(0, 20))).isEmpty();
    assertThat(write(stream, hello.substring(20))).isEqualTo(hello);
    assertThat(stream.text()).isEqualTo("HelloHello");
    assertThat(stream.tokens()).isEqualTo(2);
    assertThat(stream.blocker()).isEmpty();
  }

  @Test
  void anEventThatNeverEndsIsPassedOnOverItsLimitNotKept() {
    DeliveredStream stream = new DeliveredStream(true);
    String hello = chunk("a", "{\"content\":\"Hello\"}", "null");
    String endless = "data: {\"junk\":\"" + "x".repeat(SseEvents.MAX_EVENT / 2);

    assertThat(write(stream, FIRST + hello + endless)).isEqualTo(FIRST + hello);
    assertThat(stream.blocker()).isEmpty();
    String more = "x".repeat(SseEvents.MAX_EVENT / 2 + 1);
    assertThat(write(stream, more)).isEqualTo(endless + more);
    assertThat(write(stream, "x\n\n" + hello.substring(0, 20)))
        .isEqualTo("x\n\n" + hello.substring(0, 20));

    assertThat(stream.blocker()).get().asString().contains("passes as it came");
    assertThat(stream.text()).isEmpty();
  }

  @Test
  void aContinuationsEventThatNeverEndsIsPassedOnOverItsLimitNotLost() {
    DeliveredStream stream = new DeliveredStream(true);
    write(stream, FIRST + chunk("a", "{\"content\":\"Hel\"}", "null"));
    stream.continueElsewhere();
    String endless = "data: {\"junk\":\"" + "x".repeat(SseEvents.MAX_EVENT / 2);
    assertThat(write(stream, endless)).isEmpty();

    String more = "x".repeat(SseEvents.MAX_EVENT / 2 + 1);
    assertThat(write(stream, more)).isEqualTo(endless + more);
    assertThat(write(stream, "x\n\ndata: [DONE]\n\n")).isEqualTo("x\n\ndata: [DONE]\n\n");
    assertThat(stream.blocker()).isPresent();
  }

  @Test
  void theTextKeptForAResumeEndsAtItsLimit() {
    DeliveredStream stream = new DeliveredStream(true);
    String piece = "y".repeat(64 * 1024);
    write(stream, FIRST);
    for (int i = 0; i < DeliveredStream.MAX_TEXT / piece.length(); i++) {
      write(stream, chunk("a", "{\"content\":\"" + piece + "\"}", "null"));
    }
    assertThat(stream.blocker()).isEmpty();
    assertThat(stream.text()).hasSize(DeliveredStream.MAX_TEXT);

    String last = chunk("a", "{\"content\":\"z\"}", "null");
    assertThat(write(stream, last)).isEqualTo(last);

    assertThat(stream.blocker()).get().asString().contains("bytes of text");
    assertThat(stream.text()).isEmpty();
  }

  @Test
  void aContinuationReadsAsTheSameStream() {
    DeliveredStream stream = new DeliveredStream(true);
    write(stream, FIRST + chunk("a", "{\"content\":\"Hel\"}", "null") + "data: {\"id\":\"a\"");
    stream.continueElsewhere();

    String spliced =
        write(
            stream,
            chunk("b", "{\"role\":\"assistant\",\"content\":\"\"}", "null")
                + chunk("b", "{\"content\":\"lo\"}", "null")
                + chunk("b", "{}", "\"stop\"")
                + "data: {\"id\":\"b\",\"created\":9,\"model\":\"m2\",\"choices\":[],"
                + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":1,\"total_tokens\":13}}\n\n"
                + "data: [DONE]\n\n");

    assertThat(spliced)
        .doesNotContain("\"id\":\"b\"")
        .doesNotContain("role")
        .doesNotContain("m2")
        .contains("\"id\":\"a\"", "\"content\":\"lo\"", "\"finish_reason\":\"stop\"")
        .contains("\"prompt_tokens\":11,\"completion_tokens\":2,\"total_tokens\":13")
        .endsWith("data: [DONE]\n\n");
    assertThat(stream.text()).isEqualTo("Hello");
    assertThat(stream.done()).isTrue();
  }

  @Test
  void aStreamCutBeforeItsFirstEventIsOpenedByTheContinuationRoleIncluded() {
    DeliveredStream stream = new DeliveredStream(true);
    assertThat(write(stream, "data: {\"id\":\"a\",\"crea")).isEmpty();
    stream.continueElsewhere();

    String spliced =
        write(
            stream,
            chunk("b", "{\"role\":\"assistant\",\"content\":\"\"}", "null")
                + chunk("b", "{\"content\":\"Hi\"}", "null"));
    stream.continueElsewhere();
    String again = write(stream, chunk("c", "{\"role\":\"assistant\",\"content\":\"!\"}", "null"));

    assertThat(spliced)
        .isEqualTo(
            chunk("b", "{\"role\":\"assistant\",\"content\":\"\"}", "null")
                + chunk("b", "{\"content\":\"Hi\"}", "null"));
    assertThat(again).isEqualTo(chunk("b", "{\"content\":\"!\"}", "null"));
  }

  @Test
  void anAnswerCutAtItsLimitIsEndedWithLengthUnderItsOwnName() {
    DeliveredStream chat = new DeliveredStream(true);
    write(chat, FIRST + chunk("a", "{\"content\":\"Hi\"}", "null"));
    DeliveredStream text = new DeliveredStream(false);

    assertThat(new String(chat.endAtLimit(), StandardCharsets.UTF_8))
        .isEqualTo(
            "data: {\"id\":\"a\",\"object\":\"chat.completion.chunk\",\"created\":1,"
                + "\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{},"
                + "\"finish_reason\":\"length\"}]}\n\ndata: [DONE]\n\n");
    assertThat(new String(text.endAtLimit(), StandardCharsets.UTF_8))
        .isEqualTo(
            "data: {\"object\":\"text_completion\",\"choices\":[{\"index\":0,\"text\":\"\","
                + "\"finish_reason\":\"length\"}]}\n\ndata: [DONE]\n\n");
  }

  @Test
  void toolCallsReasoningAndLogprobsCannotBeContinued() {
    DeliveredStream tools = new DeliveredStream(true);
    write(tools, chunk("a", "{\"tool_calls\":[{\"index\":0}]}", "null"));
    DeliveredStream reasoning = new DeliveredStream(true);
    write(reasoning, chunk("a", "{\"reasoning_content\":\"hmm\"}", "null"));

    assertThat(tools.blocker()).contains("a tool call is streaming");
    assertThat(reasoning.blocker()).contains("reasoning was streamed");
  }

  @Test
  void theTextIsKeptOnlyWhileTheStreamCanBeResumed() {
    DeliveredStream stream = new DeliveredStream(true);
    write(stream, FIRST + chunk("a", "{\"content\":\"Hello\"}", "null"));
    assertThat(stream.text()).isEqualTo("Hello");

    write(stream, chunk("a", "{\"tool_calls\":[{\"index\":0}]}", "null"));
    write(stream, chunk("a", "{\"content\":\" again\"}", "null"));

    assertThat(stream.text()).isEmpty();
    assertThat(stream.tokens()).isEqualTo(2);

    DeliveredStream off = new DeliveredStream(true);
    off.forgetText();
    write(off, FIRST + chunk("a", "{\"content\":\"Hello\"}", "null"));
    assertThat(off.text()).isEmpty();
    assertThat(off.tokens()).isEqualTo(1);
  }

  @Test
  void aFinishedStreamOnlyNeedsItsDone() {
    DeliveredStream stream = new DeliveredStream(true);
    write(stream, chunk("a", "{\"content\":\"x\"}", "\"stop\""));

    assertThat(stream.finished()).isTrue();
    write(stream, "data: [DONE]\n\n");
    assertThat(stream.done()).isTrue();
    assertThat(stream.finished()).isFalse();
  }

  @Test
  void theErrorEventIsShapedLikeOpenAis() {
    assertThat(new String(DeliveredStream.errorEvent("it broke"), StandardCharsets.UTF_8))
        .isEqualTo(
            "data: {\"error\":{\"message\":\"it broke\",\"type\":\"server_error\","
                + "\"code\":\"stream_interrupted\"}}\n\n");
  }
}
