package dev.vastproxy.domain.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class InstanceTest {

  @ParameterizedTest(name = "public_ipaddr ''{0}'' -> {1}")
  @CsvSource(
      value = {
        "'203.0.113.47', 203.0.113.47",
        "'198.51.100.23\n', 198.51.100.23",
        "'  198.51.100.23 \n', 198.51.100.23",
        "'', NONE",
        "'  \n', NONE",
        "NULL, NONE"
      },
      nullValues = "NULL")
  void trimsThePublicAddress(String raw, String expected) {
    Instance instance = Instance.builder(1).publicIpAddr(raw).build();

    assertThat(instance.publicIp())
        .isEqualTo("NONE".equals(expected) ? Optional.empty() : Optional.of(expected));
  }

  @ParameterizedTest(name = "actual_status ''{0}'' running={1}")
  @CsvSource(
      value = {
        "running, true",
        "'Running\n', true",
        "loading, false",
        "exited, false",
        "offline, false",
        "scheduling, false",
        "some-new-state, false",
        "NULL, false"
      },
      nullValues = "NULL")
  void statusesAreOpenStrings(String raw, boolean running) {
    Instance instance = Instance.builder(1).actualStatus(raw).build();

    assertThat(instance.isRunning()).isEqualTo(running);
    assertThat(instance.actualStatus()).isEqualTo(raw == null ? "" : raw.strip().toLowerCase());
  }

  private static Arguments row(
      String description,
      Function<Instance.Builder, Instance.Builder> set,
      Function<Instance, Object> read,
      Object expected) {
    return Arguments.of(description, set, read, expected);
  }

  static Stream<Arguments> optionalNumbers() {
    return Stream.of(
        row("ssh_port valid", b -> b.sshPort(31526), i -> i.sshPort().getAsInt(), 31526),
        row("ssh_port 0 dropped", b -> b.sshPort(0), i -> i.sshPort().isPresent(), false),
        row("ssh_port 70000 dropped", b -> b.sshPort(70_000), i -> i.sshPort().isPresent(), false),
        row(
            "direct_port_start -1 dropped",
            b -> b.directPortStart(-1),
            i -> i.directPortStart().isPresent(),
            false),
        row(
            "direct_port_start kept",
            b -> b.directPortStart(40100),
            i -> i.directPortStart().getAsInt(),
            40100),
        row("num_gpus 1.0", b -> b.gpuCount(1.0), Instance::gpuCount, 1),
        row("num_gpus null", b -> b.gpuCount(null), Instance::gpuCount, 0),
        row("num_gpus negative", b -> b.gpuCount(-2), Instance::gpuCount, 0),
        row(
            "gpu_util null",
            b -> b.gpuUtilization(null),
            i -> i.gpuUtilization().isPresent(),
            false),
        row(
            "gpu_util NaN",
            b -> b.gpuUtilization(Double.NaN),
            i -> i.gpuUtilization().isPresent(),
            false),
        row(
            "gpu_util 87",
            b -> b.gpuUtilization(87.0),
            i -> i.gpuUtilization().getAsDouble(),
            87.0),
        row(
            "gpu_temp 38.999981",
            b -> b.gpuTemperature(38.999981),
            i -> i.gpuTemperature().getAsDouble(),
            38.999981),
        row("dph_total", b -> b.dollarsPerHour(0.6437), Instance::dollarsPerHour, 0.6437),
        row("dph_total null", b -> b.dollarsPerHour(null), Instance::dollarsPerHour, 0.0),
        row("dph_total negative", b -> b.dollarsPerHour(-1), Instance::dollarsPerHour, 0.0),
        row(
            "dph_total infinite",
            b -> b.dollarsPerHour(Double.POSITIVE_INFINITY),
            Instance::dollarsPerHour,
            0.0),
        row("label blank", b -> b.label(" "), Instance::label, Optional.empty()),
        row("label kept", b -> b.label("proxied"), Instance::label, Optional.of("proxied")),
        row(
            "ssh_host trimmed",
            b -> b.sshHost("ssh7.vast.ai\n"),
            Instance::sshHost,
            Optional.of("ssh7.vast.ai")),
        row("gpu_name null", b -> b.gpuName(null), Instance::gpuName, ""),
        row("onstart null", b -> b.onstart(null), Instance::onstart, ""),
        row("jupyter_token null", b -> b.jupyterToken(null), i -> i.bearerToken().isEmpty(), true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optionalNumbers")
  void toleratesMessyFields(
      String description,
      Function<Instance.Builder, Instance.Builder> set,
      Function<Instance, Object> read,
      Object expected) {
    assertThat(read.apply(set.apply(Instance.builder(7)).build())).isEqualTo(expected);
  }

  @Test
  void readsBothExtraEnvFormsAndPorts() {
    Instance fromPairs =
        Instance.builder(24681357)
            .extraEnv(List.of(List.of("-p 8000:8000", "1"), List.of("VLLM_MODEL", "Qwen/Qwen3-8B")))
            .ports(Map.of("8000/tcp", List.of("40153")))
            .build();
    Instance fromObject =
        Instance.builder(24681402)
            .extraEnv(Map.of("SGLANG_MODEL", "Qwen/Qwen3-32B-AWQ", "-p 8000:8000", "1"))
            .ports(null)
            .build();

    assertThat(fromPairs.engine()).isEqualTo(Engine.VLLM);
    assertThat(fromPairs.ports().hostPort(8000)).hasValue(40153);
    assertThat(fromObject.engine()).isEqualTo(Engine.SGLANG);
    assertThat(fromObject.ports().isEmpty()).isTrue();
  }

  @Test
  void neverPrintsTheToken() {
    Instance instance =
        Instance.builder(5)
            .jupyterToken("5e1f0c9a7b3d2e4f")
            .extraEnv(List.of(List.of("HF_TOKEN", "hf_abc")))
            .build();

    assertThat(instance.toString()).doesNotContain("5e1f0c9a7b3d2e4f").doesNotContain("hf_abc");
  }

  @Test
  void rejectsImpossibleValues() {
    assertThatThrownBy(() -> Instance.builder(0)).isInstanceOf(IllegalArgumentException.class);
    Instance valid = Instance.builder(9).build();
    assertThatThrownBy(
            () ->
                new Instance(
                    valid.id(),
                    "",
                    valid.label(),
                    valid.publicIp(),
                    valid.ports(),
                    valid.sshHost(),
                    valid.sshPort(),
                    valid.directPortStart(),
                    "",
                    -1,
                    valid.gpuUtilization(),
                    valid.gpuTemperature(),
                    0,
                    valid.extraEnv(),
                    "",
                    valid.bearerToken()))
        .hasMessageContaining("gpuCount");
    assertThatThrownBy(
            () ->
                new Instance(
                    valid.id(),
                    "",
                    valid.label(),
                    valid.publicIp(),
                    valid.ports(),
                    valid.sshHost(),
                    valid.sshPort(),
                    valid.directPortStart(),
                    "",
                    0,
                    valid.gpuUtilization(),
                    valid.gpuTemperature(),
                    Double.NaN,
                    valid.extraEnv(),
                    "",
                    valid.bearerToken()))
        .hasMessageContaining("dollarsPerHour");
  }
}
