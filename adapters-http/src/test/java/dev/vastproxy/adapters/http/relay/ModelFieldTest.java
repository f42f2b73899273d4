package dev.vastproxy.adapters.http.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The model is read as Python's json reads it: the last of duplicate keys wins. */
class ModelFieldTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"model\":\"m-a\",\"messages\":[]}|m-a",
        "{\"messages\":[{\"model\":\"inner\"}],\"model\":\"m-a\"}|m-a",
        "{\"model\":\"m-a\",\"model\":\"m-b\"}|m-b",
        "{\"model\":\"m-a\",\"x\":{\"model\":\"deep\"},\"model\":\"m-b\"}|m-b",
        "{\"model\":\"m-a\",\"model\":7}|",
        "{\"model\":{\"id\":\"m-a\"}}|",
        "{\"model\":[\"m-a\"],\"stream\":true}|",
        "{\"model\":\"m-a\",\"model\":\"m-b\"} trailing|",
        "{\"model\":\"m-a\",\"model\":\"m-b\"|",
        "[{\"model\":\"m-a\"}]|",
        "not json|",
        "{}|",
      })
  void readsTheLastTopLevelModel(String body, String expected) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    Optional<String> wanted = Optional.ofNullable(expected);

    assertThat(ModelField.of(bytes, bytes.length)).isEqualTo(wanted);
    assertThat(ModelField.of(new ByteArrayInputStream(bytes))).isEqualTo(wanted);
  }

  @Test
  void aBodyNamingTheModelOnceIsReadOnlyUpToIt() {
    byte[] cut =
        "{\"model\":\"m-a\",\"messages\":[{\"content\":\"and then it bre"
            .getBytes(StandardCharsets.UTF_8);

    assertThat(ModelField.of(cut, cut.length)).contains("m-a");
    assertThat(ModelField.of(new ByteArrayInputStream(cut))).isEmpty();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // Out of the ordinary for the quick scan; the parser decides.
        "{\"mod\\u0065l\":\"m-a\"}|m-a",
        "{\"model\":\"m\\u002da\"}|m-a",
        "{\"model\":\"m-\u00e4\"}|m-\u00e4",
        "{\"k\u00e9y\":1,\"model\":\"m-a\"}|m-a",
        "\uFEFF{\"model\":\"m-a\"}|m-a",
        // Ordinary ones it answers alone.
        " { \"a\" : [1, {\"b\": \"}]\\\"\"}], \"n\": -1.5e3, \"t\": true, \"model\" : \"m-a\" }|m-a",
        "{\"a\":null,\"b\":{}}|",
        "{\"model\":null}|",
      })
  void readsUnusualBodiesAsAParserDoes(String body, String expected) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

    assertThat(ModelField.of(bytes, bytes.length)).isEqualTo(Optional.ofNullable(expected));
  }

  @Test
  void theQuickScanAgreesWithTheParserOnManyGeneratedBodies() {
    Random random = new Random(20261130);
    for (int i = 0; i < 5_000; i++) {
      String body = GeneratedBodies.object(random);
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

      assertThat(ModelField.of(bytes, bytes.length))
          .as(body)
          .isEqualTo(ModelField.of(new ByteArrayInputStream(bytes)));
    }
  }

  @Test
  void theSkippingSearchCountsTheKeyAsAPlainSearchDoes() {
    // Bodies made of the key's own letters, so that near-misses and overlaps ("model"model")
    // abound.
    Random random = new Random(20261201);
    byte[] alphabet = "\"modelx".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < 20_000; i++) {
      byte[] body = new byte[random.nextInt(40)];
      for (int j = 0; j < body.length; j++) {
        body[j] = alphabet[random.nextInt(alphabet.length)];
      }
      int length = random.nextInt(body.length + 1);
      String text = new String(body, 0, length, StandardCharsets.US_ASCII);

      assertThat(ModelField.occurrences(body, length)).as(text).isEqualTo(plainCount(text));
    }
  }

  private static int plainCount(String text) {
    int found = 0;
    for (int at = text.indexOf("\"model\"");
        at >= 0 && found < 2;
        at = text.indexOf("\"model\"", at + 1)) {
      found++;
    }
    return found;
  }

  /** Well-formed JSON objects with at most one top-level model among other members. */
  private static final class GeneratedBodies {
    private static final String[] TEXTS = {
      "", "plain", "with \\\"quotes\\\"", "}]{[,:", "caf\u00e9", "\\u00e9", "tab\\there", "model"
    };

    static String object(Random random) {
      StringBuilder out = new StringBuilder("{");
      int members = random.nextInt(6);
      int modelAt = random.nextInt(members + 2);
      for (int m = 0; m <= members; m++) {
        if (m > 0) {
          out.append(',').append(random.nextBoolean() ? " " : "");
        }
        if (m == modelAt) {
          out.append("\"model\":");
          out.append(random.nextInt(5) == 0 ? value(random, 1) : "\"m-" + m + "\"");
        } else {
          out.append('"').append("k").append(m).append("\":").append(value(random, 0));
        }
      }
      return out.append('}').toString();
    }

    private static String value(Random random, int depth) {
      return switch (depth > 2 ? random.nextInt(4) : random.nextInt(6)) {
        case 0 -> '"' + TEXTS[random.nextInt(TEXTS.length)] + '"';
        case 1 -> String.valueOf(random.nextInt(2000) - 1000);
        case 2 -> random.nextBoolean() ? "true" : "null";
        case 3 -> "-0.25e2";
        case 4 -> "[" + value(random, depth + 1) + ", " + value(random, depth + 1) + "]";
        default ->
            "{\"" + TEXTS[random.nextInt(TEXTS.length)] + "\": " + value(random, depth + 1) + "}";
      };
    }
  }
}
