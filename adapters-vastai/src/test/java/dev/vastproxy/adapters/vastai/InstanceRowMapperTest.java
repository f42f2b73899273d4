package dev.vastproxy.adapters.vastai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vastproxy.domain.endpoint.EndpointResolver;
import dev.vastproxy.domain.instance.Engine;
import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.domain.testing.Fixtures;
import dev.vastproxy.openapi.ApiClient;
import dev.vastproxy.openapi.model.InstanceListResponse;
import org.junit.jupiter.api.Test;

class InstanceRowMapperTest {

  @Test
  void mapsTheFixturePage() throws Exception {
    InstanceListResponse page =
        ApiClient.createDefaultObjectMapper()
            .readValue(Fixtures.read("vastai/list_v1_page.json"), InstanceListResponse.class);

    Instance vllm = InstanceRowMapper.toDomain(page.getInstances().get(0));
    Instance sglang = InstanceRowMapper.toDomain(page.getInstances().get(1));

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
  void aRowWithoutIdIsRejected() {
    assertThatThrownBy(() -> InstanceRowMapper.toDomain(new dev.vastproxy.openapi.model.Instance()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
