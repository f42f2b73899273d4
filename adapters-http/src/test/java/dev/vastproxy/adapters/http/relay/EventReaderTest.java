package dev.vastproxy.adapters.http.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The quick byte walk and the parser read every completion chunk alike. */
class EventReaderTest {

  @Test
  void readsAnOrdinaryChunkWithoutTheParser() {
    byte[] chunk =
        ("{\"id\":\"c-1\",\"object\":\"chat.completion.chunk\",\"created\":1764500000,"
                + "\"model\":\"Qwen/Qwen3-8B\",\"choices\":[{\"index\":0,\"delta\":"
                + "{\"content\":\" say \\\"h\\u00e9\\\"\\n\"},\"logprobs\":null,"
                + "\"finish_reason\":null}]}")
            .getBytes(StandardCharsets.UTF_8);
    QuickEventScan quick = new QuickEventScan(true).on(chunk, 0, chunk.length, true);
    Told told = new Told();

    assertThat(quick.run()).isTrue();
    quick.tell(told);

    assertThat(told.toString())
        .isEqualTo("content[ say \"hé\"\n];generated;identity[c-1,1764500000,Qwen/Qwen3-8B];");
  }

  @Test
  void theQuickWalkAgreesWithTheParserOnManyGeneratedChunks() {
    Random random = new Random(1130);
    int quick = 0;
    // One scan per kind serves every chunk, as one serves a whole stream: nothing may carry over.
    QuickEventScan chatScan = new QuickEventScan(true);
    QuickEventScan textScan = new QuickEventScan(false);
    for (int i = 0; i < 5_000; i++) {
      boolean chat = random.nextInt(4) != 0;
      boolean wantIdentity = random.nextBoolean();
      String json = Chunks.chunk(random, chat);
      byte[] event = ("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
      byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
      Told read = new Told();
      Told parsed = new Told();

      EventReader.read(ByteBuffer.wrap(event), chat ? chatScan : textScan, wantIdentity, read);
      EventReader.parse(bytes, 0, bytes.length, chat, wantIdentity, parsed);

      assertThat(read.normalized()).as(json).isEqualTo(parsed.normalized());
      if (new QuickEventScan(chat).on(bytes, 0, bytes.length, wantIdentity).run()) {
        quick++;
      }
    }
    assertThat(quick).as("chunks the quick walk read alone").isGreaterThan(2_500);
  }

  @Test
  void aPlainTokenIsToldAsItsBytesAndAnEscapedOneAsItsDecodedString() {
    List<String> told = new ArrayList<>();
    Told sink =
        new Told() {
          @Override
          public void content(byte[] utf8, int from, int to) {
            told.add("bytes:" + new String(utf8, from, to - from, StandardCharsets.UTF_8));
          }

          @Override
          public void content(String text) {
            told.add("string:" + text);
          }
        };

    for (String content : List.of("Hi", "h\\u00e9", "\\n\\n", "café")) {
      byte[] event =
          ("data: {\"choices\":[{\"delta\":{\"content\":\"" + content + "\"}}]}\n\n")
              .getBytes(StandardCharsets.UTF_8);
      EventReader.read(ByteBuffer.wrap(event), new QuickEventScan(true), false, sink);
    }

    assertThat(told).containsExactly("bytes:Hi", "string:hé", "string:\n\n", "bytes:café");
  }

  @Test
  void aScanKeptBetweenEventsLetsGoOfTheLastEventsBytes() {
    QuickEventScan scan = new QuickEventScan(true);
    byte[] event =
        "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n"
            .getBytes(StandardCharsets.UTF_8);
    Told first = new Told();
    EventReader.read(ByteBuffer.wrap(event), scan, false, first);
    Told afterwards = new Told();

    scan.tell(afterwards);

    assertThat(first.toString()).contains("content[Hi]");
    assertThat(afterwards.toString()).doesNotContain("content");
  }

  @Test
  void aChunkThatIsNotJsonTellsNothing() {
    byte[] event =
        "data: {\"id\":\"c\",\"choices\":[{\"delta\":{\"content\":\"bad \\x\"}}]}\n\n"
            .getBytes(StandardCharsets.UTF_8);
    Told told = new Told();

    EventReader.read(ByteBuffer.wrap(event), new QuickEventScan(true), true, told);

    assertThat(told.toString()).isEmpty();
  }

  @Test
  void aDirectBufferIsReadToo() {
    byte[] event =
        "data: {\"id\":\"c\",\"choices\":[{\"text\":\"t\\u00e9\"}]}\n\n"
            .getBytes(StandardCharsets.UTF_8);
    ByteBuffer direct = ByteBuffer.allocateDirect(event.length).put(event).flip();
    Told told = new Told();

    EventReader.read(direct, new QuickEventScan(false), true, told);

    assertThat(told.toString()).isEqualTo("content[té];generated;identity[c,0,];");
  }

  /** What a sink was told, in order. */
  private static class Told implements EventReader.Sink {
    private final StringBuilder log = new StringBuilder();
    private final List<String> contents = new ArrayList<>();
    private String lastBlocker = "";
    private boolean finished;
    private String identity = "";
    private int generated;
    private String usage = "";

    @Override
    public void identity(String id, long created, String model) {
      identity = id + "," + created + "," + model;
      log.append("identity[").append(identity).append("];");
    }

    @Override
    public void content(String text) {
      contents.add(text);
      log.append("content[").append(text).append("];");
    }

    @Override
    public void blocked(String reason) {
      lastBlocker = reason;
      log.append("blocked[").append(reason).append("];");
    }

    @Override
    public void finished() {
      finished = true;
      log.append("finished;");
    }

    @Override
    public void generated() {
      generated++;
      log.append("generated;");
    }

    @Override
    public void usage(long prompt, long completion) {
      usage = prompt + "+" + completion;
      log.append("usage[").append(usage).append("];");
    }

    /**
     * What a delivered stream and its token tally keep: the texts in order, the last blocker,
     * finished, identity, generated-text events and the last usage.
     */
    String normalized() {
      return contents
          + "|"
          + lastBlocker
          + "|"
          + finished
          + "|"
          + identity
          + "|"
          + generated
          + "|"
          + usage;
    }

    @Override
    public String toString() {
      return log.toString();
    }
  }

  /** Completion chunks as vLLM and SGLang stream them, and odder ones. */
  private static final class Chunks {
    private static final String[] TEXTS = {
      "\"\"",
      "\"tok\"",
      "\" with \\\"quotes\\\" and \\\\ \\/ \\b\\f\\n\\r\\t\"",
      "\"caf\u00e9 \u4e16\u754c\"",
      "\"\\u00e9\\u4e16\\ud83d\\ude00\"",
      "\"\\ud83d alone\"",
      "null",
      "7",
      "[\"a\"]",
      "{\"k\":\"v\"}",
    };

    static String chunk(Random random, boolean chat) {
      List<String> members = new ArrayList<>();
      members.add("\"id\":" + pick(random, "\"chatcmpl-1\"", "\"c\\u002d2\"", "3"));
      members.add("\"object\":\"chat.completion.chunk\"");
      members.add("\"created\":" + pick(random, "1764500000", "0", "1.5", "-3", "\"x\""));
      members.add("\"model\":" + pick(random, "\"m\"", "\"Qwen/Qwen3-8B\"", "null"));
      StringBuilder choices = new StringBuilder("[");
      int count = random.nextInt(6) == 0 ? 2 : random.nextInt(8) == 0 ? 0 : 1;
      for (int c = 0; c < count; c++) {
        if (c > 0) {
          choices.append(',');
        }
        choices.append(choice(random, chat, c));
      }
      members.add("\"choices\":" + choices.append(']'));
      if (random.nextInt(5) == 0) {
        members.add(
            "\"usage\":"
                + pick(
                    random,
                    "{\"prompt_tokens\":3,\"completion_tokens\":5}",
                    "{\"prompt_tokens\":12,\"total_tokens\":19,\"completion_tokens\":7,"
                        + "\"prompt_tokens_details\":null}",
                    "{\"input_tokens\":2,\"output_tokens\":9}",
                    "{}",
                    "null",
                    "{\"prompt_tokens\":1.5,\"completion_tokens\":-2}",
                    "{\"prompt_tokens\":123456789012345678901234,\"completion_tokens\":4}",
                    "{\"completion_tokens\":\"4\",\"details\":{\"prompt_tokens\":99}}"));
      }
      Collections.shuffle(members, random);
      return "{" + String.join(random.nextBoolean() ? "," : ", ", members) + "}";
    }

    private static String choice(Random random, boolean chat, int index) {
      List<String> members = new ArrayList<>();
      members.add("\"index\":" + (random.nextInt(10) == 0 ? "1" : String.valueOf(index)));
      if (chat || random.nextInt(4) == 0) {
        List<String> delta = new ArrayList<>();
        if (random.nextInt(3) == 0) {
          delta.add("\"role\":\"assistant\"");
        }
        delta.add("\"content\":" + TEXTS[random.nextInt(TEXTS.length)]);
        if (random.nextInt(6) == 0) {
          delta.add("\"tool_calls\":" + pick(random, "null", "[{\"id\":\"t\"}]"));
        }
        if (random.nextInt(6) == 0) {
          delta.add("\"reasoning_content\":" + pick(random, "null", "\"\"", "\"think\""));
        }
        if (random.nextInt(12) == 0) {
          delta.add("\"function_call\":" + pick(random, "null", "{\"arguments\":\"{}\"}"));
        }
        Collections.shuffle(delta, random);
        members.add("\"delta\":{" + String.join(",", delta) + "}");
      }
      if (!chat || random.nextInt(4) == 0) {
        members.add("\"text\":" + TEXTS[random.nextInt(TEXTS.length)]);
      }
      members.add("\"logprobs\":" + pick(random, "null", "null", "{\"content\":[]}"));
      members.add("\"finish_reason\":" + pick(random, "null", "null", "\"stop\""));
      Collections.shuffle(members, random);
      return "{" + String.join(",", members) + "}";
    }

    private static String pick(Random random, String... options) {
      return options[random.nextInt(options.length)];
    }
  }
}
