package dev.vastproxy.adapters.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
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
}
