package dev.vastproxy.adapters.vastai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.domain.instance.ExtraEnv;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExtraEnvReaderTest {

  static Stream<Arguments> wireForms() {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("-p 8000:8000", "1");
    object.put("VLLM_MODEL", "Qwen/Qwen3-8B");
    object.put("", "ignored");
    object.put("PORT", 8000);
    object.put("EMPTY", null);
    return Stream.of(
        Arguments.of("null", null, Map.of()),
        Arguments.of("empty list", List.of(), Map.of()),
        Arguments.of(
            "list of pairs",
            List.of(List.of("-p 8000:8000", "1"), List.of("VLLM_MODEL", "Qwen/Qwen3-8B")),
            Map.of("VLLM_MODEL", "Qwen/Qwen3-8B")),
        Arguments.of(
            "object", object, Map.of("VLLM_MODEL", "Qwen/Qwen3-8B", "PORT", "8000", "EMPTY", "")),
        Arguments.of(
            "empty and blank keys are skipped",
            List.of(List.of("", "x"), List.of("  ", "y"), List.of("A", "1")),
            Map.of("A", "1")),
        Arguments.of(
            "keys starting with - are docker options",
            List.of(List.of("-e FOO", "1"), List.of(" -p 1111:1111", "1"), List.of("B", "2")),
            Map.of("B", "2")),
        Arguments.of(
            "short, odd and non-string pairs are skipped",
            Arrays.asList(
                List.of("ONLY_KEY"), "not a pair", null, List.of(7, "x"), List.of("C", "3")),
            Map.of("C", "3")),
        Arguments.of(
            "null value reads as empty", Arrays.asList(Arrays.asList("D", null)), Map.of("D", "")),
        Arguments.of(
            "later pairs win", List.of(List.of("E", "1"), List.of("E", "2")), Map.of("E", "2")),
        Arguments.of("a number is no environment", 42, Map.of()),
        Arguments.of("a string is no environment", "VLLM_MODEL=x", Map.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wireForms")
  void readsWireForms(String description, Object raw, Map<String, String> expected) {
    ExtraEnv env = ExtraEnvReader.read(raw);

    assertThat(env.names()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    expected.forEach((name, value) -> assertThat(env.get(name)).contains(value));
  }

  @Test
  void keepsWireOrder() {
    ExtraEnv env = ExtraEnvReader.read(List.of(List.of("Z", "1"), List.of("A", "2")));

    assertThat(env.names()).containsExactly("Z", "A");
  }

  @Test
  void bothFormsReadTheSame() {
    ExtraEnv a = ExtraEnvReader.read(List.of(List.of("A", "1")));
    ExtraEnv b = ExtraEnvReader.read(Map.of("A", "1"));

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(ExtraEnvReader.read(Map.of("A", "2")));
  }
}
