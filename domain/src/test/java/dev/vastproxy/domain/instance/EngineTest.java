package dev.vastproxy.domain.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EngineTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "SGLANG_ARGS, SGLANG",
    "SGLANG_MODEL, SGLANG",
    "VLLM_ARGS, VLLM",
    "VLLM_MODEL, VLLM",
    "SGLANG_MODEL VLLM_MODEL, SGLANG",
    "VLLM_ARGS SGLANG_ARGS, SGLANG",
    "MODEL_NAME, UNKNOWN",
    "'', UNKNOWN",
    "-SGLANG_ARGS, UNKNOWN"
  })
  void detectsTheEngineFromVariableNames(String names, Engine expected) {
    Map<String, String> env = new LinkedHashMap<>();
    Arrays.stream(names.split(" ")).filter(n -> !n.isEmpty()).forEach(n -> env.put(n, "x"));

    assertThat(Engine.detect(ExtraEnv.of(env))).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"SGLANG, true, SGLang", "VLLM, false, vLLM", "UNKNOWN, false, unknown"})
  void onlySglangAbortsAll(Engine engine, boolean abortsAll, String name) {
    assertThat(engine.supportsAbortAll()).isEqualTo(abortsAll);
    assertThat(engine.displayName()).isEqualTo(name);
  }
}
