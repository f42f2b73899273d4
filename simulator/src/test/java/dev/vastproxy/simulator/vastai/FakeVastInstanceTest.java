package dev.vastproxy.simulator.vastai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FakeVastInstanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aRunningVllmInstanceLooksLikeTheFixture() throws Exception {
    JsonNode row =
        JSON.readTree(
            FakeVastInstance.running(101)
                .vllm("Qwen/Qwen3-8B")
                .servedOn(40153)
                .port(22, 40122)
                .gpus("RTX 4090", 2)
                .gpuLoad(87.0, 71.0)
                .dollarsPerHour(0.6437)
                .ssh("ssh7.vast.ai", 31526)
                .jupyterToken("a".repeat(64))
                .toJson());

    assertThat(row.get("id").asLong()).isEqualTo(101);
    assertThat(row.get("actual_status").asText()).isEqualTo("running");
    assertThat(row.get("public_ipaddr").asText()).isEqualTo("127.0.0.1");
    assertThat(row.at("/ports/8000~1tcp/0/HostPort").isTextual()).isTrue();
    assertThat(row.at("/ports/8000~1tcp/0/HostPort").asText()).isEqualTo("40153");
    assertThat(row.at("/ports/8000~1tcp/0/HostIp").asText()).isEqualTo("0.0.0.0");
    assertThat(row.at("/ports/22~1tcp/0/HostPort").asText()).isEqualTo("40122");
    assertThat(row.get("extra_env").toString())
        .contains("[\"VLLM_MODEL\",\"Qwen/Qwen3-8B\"]", "[\"-p 8000:8000\",\"1\"]", "--port 18000");
    assertThat(row.get("jupyter_token").asText()).hasSize(64);
    assertThat(row.get("gpu_name").asText()).isEqualTo("RTX 4090");
    assertThat(row.get("num_gpus").asInt()).isEqualTo(2);
    assertThat(row.get("gpu_util").asDouble()).isEqualTo(87.0);
    assertThat(row.get("gpu_temp").asDouble()).isEqualTo(71.0);
    assertThat(row.get("dph_total").asDouble()).isEqualTo(0.6437);
    assertThat(row.get("ssh_host").asText()).isEqualTo("ssh7.vast.ai");
    assertThat(row.get("ssh_port").asInt()).isEqualTo(31526);
    assertThat(row.get("direct_port_start").asInt()).isEqualTo(-1);
    assertThat(row.get("label").isNull()).isTrue();
  }

  @Test
  void aLoadingSglangInstanceHasNoPortsNoLoadAndDictEnv() throws Exception {
    JsonNode row =
        JSON.readTree(
            FakeVastInstance.running(102)
                .status("loading")
                .sglang("Qwen/Qwen3-32B-AWQ")
                .envAsObject()
                .publicIp("198.51.100.23\n")
                .gpuLoad(50.0, 60.0)
                .label("proxied")
                .onstart("bash start.sh --port 9000")
                .directPortStart(41000)
                .toJson());

    assertThat(row.get("ports").isNull()).isTrue();
    assertThat(row.get("gpu_util").isNull()).isTrue();
    assertThat(row.get("extra_env").get("SGLANG_MODEL").asText()).isEqualTo("Qwen/Qwen3-32B-AWQ");
    assertThat(row.get("public_ipaddr").asText()).endsWith("\n");
    assertThat(row.get("label").asText()).isEqualTo("proxied");
    assertThat(row.get("direct_port_end").asInt()).isEqualTo(41099);
    assertThat(row.get("ssh_port").isNull()).isTrue();
  }

  @Test
  void noPortsSendsNullEvenWhenRunning() throws Exception {
    FakeVastInstance instance = FakeVastInstance.running(5).servedOn(1).noPorts().label("");

    assertThat(JSON.readTree(instance.toJson()).get("ports").isNull()).isTrue();
    assertThat(instance.id()).isEqualTo(5);
    assertThat(instance.jupyterToken()).matches("[0-9a-f]{64}");
    assertThat(instance.toString())
        .isEqualTo("FakeVastInstance[5, running]")
        .doesNotContain(instance.jupyterToken());
  }

  @Test
  void refusesANonPositiveId() {
    assertThatThrownBy(() -> FakeVastInstance.running(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void faultsAreValidated() {
    assertThat(VastFault.slow(Duration.ofMillis(5)).answersNormally()).isTrue();
    assertThat(VastFault.rateLimited().answersNormally()).isFalse();
    assertThatThrownBy(() -> new VastFault(42, "text/plain", "", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VastFault.slow(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
