package dev.vastproxy.domain.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InstanceTest {

  @Test
  void holdsTypedValues() {
    Instance instance =
        Instance.builder(24681357)
            .running()
            .label("proxied")
            .address("203.0.113.47")
            .portMapping(8000, 40153)
            .sshHost("ssh7.vast.ai")
            .sshPort(31526)
            .directPortStart(40100)
            .gpuName("RTX 4090")
            .gpuCount(2)
            .gpuUtilization(87.0)
            .gpuTemperature(38.999981)
            .dollarsPerHour(0.6437)
            .env("VLLM_MODEL", "Qwen/Qwen3-8B")
            .onstart("bash start.sh")
            .token("tok")
            .build();

    assertThat(instance.isRunning()).isTrue();
    assertThat(instance.actualStatus()).isEqualTo("running");
    assertThat(instance.label()).contains("proxied");
    assertThat(instance.publicIp()).contains("203.0.113.47");
    assertThat(instance.ports().hostPort(8000)).hasValue(40153);
    assertThat(instance.sshHost()).contains("ssh7.vast.ai");
    assertThat(instance.sshPort()).hasValue(31526);
    assertThat(instance.directPortStart()).hasValue(40100);
    assertThat(instance.gpuName()).isEqualTo("RTX 4090");
    assertThat(instance.gpuCount()).isEqualTo(2);
    assertThat(instance.gpuUtilization()).hasValue(87.0);
    assertThat(instance.gpuTemperature()).hasValue(38.999981);
    assertThat(instance.dollarsPerHour()).isEqualTo(0.6437);
    assertThat(instance.engine()).isEqualTo(Engine.VLLM);
    assertThat(instance.onstart()).isEqualTo("bash start.sh");
    assertThat(instance.bearerToken().reveal()).isEqualTo("tok");
  }

  @Test
  void startsWithNothingKnown() {
    Instance instance = Instance.builder(7).build();

    assertThat(instance.isRunning()).isFalse();
    assertThat(instance.actualStatus()).isEmpty();
    assertThat(instance.label()).isEqualTo(Optional.empty());
    assertThat(instance.publicIp()).isEmpty();
    assertThat(instance.ports().isEmpty()).isTrue();
    assertThat(instance.sshPort()).isEmpty();
    assertThat(instance.directPortStart()).isEmpty();
    assertThat(instance.gpuCount()).isZero();
    assertThat(instance.gpuUtilization()).isEmpty();
    assertThat(instance.dollarsPerHour()).isZero();
    assertThat(instance.engine()).isEqualTo(Engine.UNKNOWN);
    assertThat(instance.bearerToken().isEmpty()).isTrue();
  }

  @Test
  void statusesAreOpenStrings() {
    assertThat(Instance.builder(1).status("loading").build().isRunning()).isFalse();
    assertThat(Instance.builder(1).status("some-new-state").build().actualStatus())
        .isEqualTo("some-new-state");
    assertThat(Instance.builder(1).running().build().isRunning()).isTrue();
  }

  @Test
  void laterPortsAndVariablesReplaceEarlierOnes() {
    Instance instance =
        Instance.builder(24681357)
            .portMapping(8000, 40153)
            .portMapping(8000, 41234)
            .env("-p 8000:8000", "1")
            .env("SGLANG_MODEL", "a")
            .env(ExtraEnv.of(Map.of("VLLM_MODEL", "Qwen/Qwen3-8B")))
            .build();

    assertThat(instance.ports().hostPort(8000)).hasValue(41234);
    assertThat(instance.extraEnv().names()).containsExactly("VLLM_MODEL");
    assertThat(instance.engine()).isEqualTo(Engine.VLLM);
    assertThat(Instance.builder(1).ports(PortMappings.empty()).build().ports().isEmpty()).isTrue();
  }

  @Test
  void neverPrintsTheToken() {
    Instance instance =
        Instance.builder(5).token("5e1f0c9a7b3d2e4f").env("HF_TOKEN", "hf_abc").build();

    assertThat(instance.toString()).doesNotContain("5e1f0c9a7b3d2e4f").doesNotContain("hf_abc");
  }

  static Stream<Arguments> impossibleValues() {
    return Stream.of(
        Arguments.of("actualStatus", (UnaryOperator<Instance.Builder>) b -> b.status("Running\n")),
        Arguments.of("label", (UnaryOperator<Instance.Builder>) b -> b.label(" ")),
        Arguments.of("publicIp", (UnaryOperator<Instance.Builder>) b -> b.address("1.2.3.4\n")),
        Arguments.of("sshHost", (UnaryOperator<Instance.Builder>) b -> b.sshHost("")),
        Arguments.of("sshPort", (UnaryOperator<Instance.Builder>) b -> b.sshPort(0)),
        Arguments.of(
            "directPortStart", (UnaryOperator<Instance.Builder>) b -> b.directPortStart(-1)),
        Arguments.of("gpuCount", (UnaryOperator<Instance.Builder>) b -> b.gpuCount(-2)),
        Arguments.of(
            "gpuUtilization", (UnaryOperator<Instance.Builder>) b -> b.gpuUtilization(Double.NaN)),
        Arguments.of(
            "gpuTemperature",
            (UnaryOperator<Instance.Builder>) b -> b.gpuTemperature(Double.POSITIVE_INFINITY)),
        Arguments.of("dollarsPerHour", (UnaryOperator<Instance.Builder>) b -> b.dollarsPerHour(-1)),
        Arguments.of(
            "dollarsPerHour",
            (UnaryOperator<Instance.Builder>) b -> b.dollarsPerHour(Double.POSITIVE_INFINITY)),
        Arguments.of("host port", (UnaryOperator<Instance.Builder>) b -> b.portMapping(8000, 0)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("impossibleValues")
  void rejectsImpossibleValues(String field, UnaryOperator<Instance.Builder> set) {
    assertThatThrownBy(() -> set.apply(Instance.builder(9)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(field);
  }

  @Test
  void rejectsAnIdThatIsNoId() {
    assertThatThrownBy(() -> Instance.builder(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
