package dev.vastproxy.domain.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExtraEnvTest {

  @Test
  void keepsOrderAndAnswersMissingNames() {
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("Z", "1");
    variables.put("A", "2");
    ExtraEnv env = ExtraEnv.of(variables);

    assertThat(env.names()).containsExactly("Z", "A");
    assertThat(env.get("MISSING")).isEmpty();
    assertThat(env.contains("Z")).isTrue();
  }

  @Test
  void plainMapsDropDockerOptionsToo() {
    assertThat(ExtraEnv.of(Map.of("-p 1:1", "1", "OK", "v")).names()).containsExactly("OK");
    assertThat(ExtraEnv.of(Map.of())).isSameAs(ExtraEnv.empty());
  }

  @Test
  void oneMoreVariableReplacesOneOfTheSameNameAndSkipsDockerOptions() {
    ExtraEnv env = ExtraEnv.empty().with("E", "1").with(" -p 1111:1111", "1").with("E", "2");

    assertThat(env.names()).containsExactly("E");
    assertThat(env.get("E")).contains("2");
    assertThat(ExtraEnv.empty().with("", "x")).isSameAs(ExtraEnv.empty());
    assertThat(ExtraEnv.isVariableName("  ")).isFalse();
    assertThat(ExtraEnv.isVariableName(null)).isFalse();
  }

  @Test
  void neverPrintsValues() {
    ExtraEnv env = ExtraEnv.of(Map.of("HF_TOKEN", "hf_secret_value"));

    assertThat(env.toString()).contains("HF_TOKEN").doesNotContain("hf_secret_value");
  }

  @Test
  void comparesByContent() {
    ExtraEnv a = ExtraEnv.of(Map.of("A", "1"));
    ExtraEnv b = ExtraEnv.empty().with("A", "1");

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(ExtraEnv.of(Map.of("A", "2")));
  }
}
