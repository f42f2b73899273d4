package dev.vastproxy.adapters.vastai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vastproxy.domain.endpoint.EndpointResolver;
import dev.vastproxy.domain.instance.Engine;
import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.domain.testing.Fixtures;
import dev.vastproxy.openapi.model.InstanceListResponse;
import dev.vastproxy.openapi.model.PortBinding;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class InstanceRowMapperTest {
  private static final ObjectMapper JSON = VastAiClientFactory.objectMapper();

  /** A generated row with an id and whatever the test sets. */
  private static dev.vastproxy.openapi.model.Instance row(
      long id, Consumer<dev.vastproxy.openapi.model.Instance> set) {
    dev.vastproxy.openapi.model.Instance row = new dev.vastproxy.openapi.model.Instance();
    row.setId(id);
    set.accept(row);
    return row;
  }

  private static Instance map(Consumer<dev.vastproxy.openapi.model.Instance> set) {
    return InstanceRowMapper.toDomain(row(7, set));
  }

  @Test
  void mapsTheFixturePage() throws Exception {
    InstanceListResponse page =
        JSON.readValue(Fixtures.read("vastai/list_v1_page.json"), InstanceListResponse.class);

    Instance vllm = InstanceRowMapper.toDomain(typed(page.getInstances().get(0)));
    Instance sglang = InstanceRowMapper.toDomain(typed(page.getInstances().get(1)));

    assertThat(vllm.isRunning()).isTrue();
    assertThat(vllm.engine()).isEqualTo(Engine.VLLM);
    assertThat(EndpointResolver.direct(vllm).orElseThrow().baseUri())
        .isEqualTo("http://203.0.113.47:40153");
    assertThat(vllm.sshPort()).hasValue(31526);
    assertThat(vllm.ports().hostPort(22)).hasValue(40122);
    assertThat(vllm.dollarsPerHour()).isEqualTo(0.6437);
    assertThat(sglang.engine()).isEqualTo(Engine.SGLANG);
    assertThat(sglang.publicIp()).contains("198.51.100.23");
    assertThat(sglang.ports().isEmpty()).isTrue();
    assertThat(sglang.directPortStart()).isEmpty();
    assertThat(sglang.label()).contains("proxied");
  }

  @Test
  void readsImageStatesAndContractEnd() {
    Instance instance =
        map(
            row -> {
              row.setImageUuid(" vastai/vllm:v0.16.0-cuda-12.9\n");
              row.setIntendedStatus("Stopped ");
              row.setCurState("stopped");
              row.setEndDate(1_793_000_000.25);
            });

    assertThat(instance.rental().image()).isEqualTo("vastai/vllm:v0.16.0-cuda-12.9");
    assertThat(instance.rental().intendedStatus()).isEqualTo("stopped");
    assertThat(instance.rental().curState()).isEqualTo("stopped");
    assertThat(instance.rental().endDate())
        .contains(java.time.Instant.ofEpochMilli(1_793_000_000_250L));
  }

  @Test
  void dropsAContractEndThatIsNoDate() {
    assertThat(map(row -> row.setEndDate(-1.0)).rental().endDate()).isEmpty();
    assertThat(map(row -> row.setEndDate(1e300)).rental().endDate()).isEmpty();
    assertThat(map(row -> row.setEndDate(Double.NaN)).rental().endDate()).isEmpty();
    assertThat(map(row -> {}).rental().image()).isEmpty();
  }

  private static dev.vastproxy.openapi.model.Instance typed(Object raw) {
    return JSON.convertValue(raw, dev.vastproxy.openapi.model.Instance.class);
  }

  @Test
  void aRowWithoutIdIsRejected() {
    assertThatThrownBy(() -> InstanceRowMapper.toDomain(new dev.vastproxy.openapi.model.Instance()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> InstanceRowMapper.toDomain(row(0, r -> {})))
        .isInstanceOf(IllegalArgumentException.class);
  }

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
    Instance instance = map(r -> r.setPublicIpaddr(raw));

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
    Instance instance = map(r -> r.setActualStatus(raw));

    assertThat(instance.isRunning()).isEqualTo(running);
    assertThat(instance.actualStatus()).isEqualTo(raw == null ? "" : raw.strip().toLowerCase());
  }

  private static Arguments field(
      String description,
      Consumer<dev.vastproxy.openapi.model.Instance> set,
      Function<Instance, Object> read,
      Object expected) {
    return Arguments.of(description, set, read, expected);
  }

  static Stream<Arguments> messyFields() {
    return Stream.of(
        field("ssh_port valid", r -> r.setSshPort(31526), i -> i.sshPort().getAsInt(), 31526),
        field("ssh_port 0 dropped", r -> r.setSshPort(0), i -> i.sshPort().isPresent(), false),
        field(
            "ssh_port 70000 dropped",
            r -> r.setSshPort(70_000),
            i -> i.sshPort().isPresent(),
            false),
        field(
            "direct_port_start -1 dropped",
            r -> r.setDirectPortStart(-1),
            i -> i.directPortStart().isPresent(),
            false),
        field(
            "direct_port_start kept",
            r -> r.setDirectPortStart(40100),
            i -> i.directPortStart().getAsInt(),
            40100),
        field("num_gpus 1", r -> r.setNumGpus(1), Instance::gpuCount, 1),
        field("num_gpus null", r -> r.setNumGpus(null), Instance::gpuCount, 0),
        field("num_gpus negative", r -> r.setNumGpus(-2), Instance::gpuCount, 0),
        field("gpu_util null", r -> r.setGpuUtil(null), i -> i.gpuUtilization().isPresent(), false),
        field(
            "gpu_util NaN",
            r -> r.setGpuUtil(Double.NaN),
            i -> i.gpuUtilization().isPresent(),
            false),
        field("gpu_util 87", r -> r.setGpuUtil(87.0), i -> i.gpuUtilization().getAsDouble(), 87.0),
        field(
            "gpu_temp 38.999981",
            r -> r.setGpuTemp(38.999981),
            i -> i.gpuTemperature().getAsDouble(),
            38.999981),
        field(
            "gpu_temp infinite",
            r -> r.setGpuTemp(Double.NEGATIVE_INFINITY),
            i -> i.gpuTemperature().isPresent(),
            false),
        field("dph_total", r -> r.setDphTotal(0.6437), Instance::dollarsPerHour, 0.6437),
        field("dph_total null", r -> r.setDphTotal(null), Instance::dollarsPerHour, 0.0),
        field("dph_total negative", r -> r.setDphTotal(-1.0), Instance::dollarsPerHour, 0.0),
        field(
            "dph_total infinite",
            r -> r.setDphTotal(Double.POSITIVE_INFINITY),
            Instance::dollarsPerHour,
            0.0),
        field("label blank", r -> r.setLabel(" "), Instance::label, Optional.empty()),
        field("label kept", r -> r.setLabel("proxied"), Instance::label, Optional.of("proxied")),
        field(
            "ssh_host trimmed",
            r -> r.setSshHost("ssh7.vast.ai\n"),
            Instance::sshHost,
            Optional.of("ssh7.vast.ai")),
        field("gpu_name null", r -> r.setGpuName(null), Instance::gpuName, ""),
        field("onstart null", r -> r.setOnstart(null), Instance::onstart, ""),
        field(
            "jupyter_token null",
            r -> r.setJupyterToken(null),
            i -> i.bearerToken().isEmpty(),
            true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messyFields")
  void toleratesMessyFields(
      String description,
      Consumer<dev.vastproxy.openapi.model.Instance> set,
      Function<Instance, Object> read,
      Object expected) {
    assertThat(read.apply(map(set))).isEqualTo(expected);
  }

  @Test
  void aWholeFloatIsAGpuCount() throws Exception {
    dev.vastproxy.openapi.model.Instance row =
        JSON.readValue(
            "{\"id\": 7, \"num_gpus\": 1.0}", dev.vastproxy.openapi.model.Instance.class);

    assertThat(InstanceRowMapper.toDomain(row).gpuCount()).isEqualTo(1);
  }

  @Test
  void readsBothExtraEnvFormsAndPorts() {
    Instance fromPairs =
        InstanceRowMapper.toDomain(
            row(
                24681357,
                r -> {
                  r.setExtraEnv(
                      List.of(
                          List.of("-p 8000:8000", "1"), List.of("VLLM_MODEL", "Qwen/Qwen3-8B")));
                  r.setPorts(Map.of("8000/tcp", List.of(new PortBinding().hostPort("40153"))));
                }));
    Instance fromObject =
        InstanceRowMapper.toDomain(
            row(
                24681402,
                r -> {
                  r.setExtraEnv(Map.of("SGLANG_MODEL", "Qwen/Qwen3-32B-AWQ", "-p 8000:8000", "1"));
                  r.setPorts(null);
                }));

    assertThat(fromPairs.engine()).isEqualTo(Engine.VLLM);
    assertThat(fromPairs.ports().hostPort(8000)).hasValue(40153);
    assertThat(fromObject.engine()).isEqualTo(Engine.SGLANG);
    assertThat(fromObject.ports().isEmpty()).isTrue();
  }

  @Test
  void neverPrintsTheToken() {
    Instance instance =
        map(
            r -> {
              r.setJupyterToken("5e1f0c9a7b3d2e4f");
              r.setExtraEnv(List.of(List.of("HF_TOKEN", "hf_abc")));
            });

    assertThat(instance.toString()).doesNotContain("5e1f0c9a7b3d2e4f").doesNotContain("hf_abc");
  }
}
