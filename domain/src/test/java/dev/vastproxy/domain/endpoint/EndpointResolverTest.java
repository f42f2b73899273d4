package dev.vastproxy.domain.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.domain.instance.ExtraEnv;
import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.domain.instance.PortMappings;
import dev.vastproxy.domain.instance.PortNumber;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndpointResolverTest {

  /** Builds an environment from "KEY=value;KEY2=value2" (values may hold spaces). */
  private static ExtraEnv env(String spec) {
    Map<String, String> variables = new LinkedHashMap<>();
    if (spec == null || spec.isBlank()) {
      return ExtraEnv.empty();
    }
    for (String entry : spec.split(";")) {
      int equals = entry.indexOf('=');
      variables.put(entry.substring(0, equals).strip(), entry.substring(equals + 1));
    }
    return ExtraEnv.of(variables);
  }

  @ParameterizedTest(name = "[{index}] env=''{0}'' onstart=''{1}'' -> {2}")
  @CsvSource(
      value = {
        // engine defaults
        "'VLLM_MODEL=m', NULL, 18000",
        "'VLLM_ARGS=--max-model-len 4096', NULL, 18000",
        "'SGLANG_MODEL=m', NULL, 8000",
        "'', NULL, 8000",
        "'OTHER=1', NULL, 8000",
        // --port in the engine's arguments
        "'SGLANG_ARGS=--host 127.0.0.1 --port 18000', NULL, 18000",
        "'SGLANG_ARGS=--port=30000', NULL, 30000",
        "'VLLM_ARGS=--port 9000', NULL, 9000",
        // precedence: SGLANG_ARGS, then VLLM_ARGS, then onstart
        "'SGLANG_ARGS=--port 1111;VLLM_ARGS=--port 2222', 'run --port 3333', 1111",
        "'VLLM_ARGS=--port 2222', 'run --port 3333', 2222",
        "'VLLM_MODEL=m', 'python -m vllm --port 3333', 3333",
        "'SGLANG_MODEL=m', 'python -m sglang --port=4444', 4444",
        "'SGLANG_ARGS=--context-length 32768;VLLM_ARGS=--port 2222', NULL, 2222",
        // invalid numbers are rejected and the next source is used
        "'SGLANG_ARGS=--port 70000;VLLM_ARGS=--port 2222', NULL, 2222",
        "'SGLANG_ARGS=--port 0', 'run --port 3333', 3333",
        "'VLLM_ARGS=--port 99999', NULL, 18000",
        "'SGLANG_ARGS=--port abc', NULL, 8000",
        "'VLLM_MODEL=m', 'run --port 0', 18000"
      },
      nullValues = "NULL")
  void resolvesTheContainerPort(String envSpec, String onstart, int expected) {
    Instance instance =
        Instance.builder(1).env(env(envSpec)).onstart(onstart == null ? "" : onstart).build();

    assertThat(EndpointResolver.containerPort(instance)).isEqualTo(expected);
  }

  /** Builds a ports map from "8000=40153,18000=40154" (container=host). */
  private static PortMappings ports(String spec) {
    Map<Integer, List<Integer>> ports = new HashMap<>();
    if (spec == null || spec.isBlank()) {
      return PortMappings.empty();
    }
    for (String entry : spec.split(",")) {
      String[] parts = entry.split("=");
      ports.put(Integer.parseInt(parts[0].strip()), List.of(Integer.parseInt(parts[1].strip())));
    }
    return PortMappings.of(ports);
  }

  @ParameterizedTest(name = "[{index}] container {0}, ports ''{1}'', direct {2} -> {3}")
  @CsvSource(
      value = {
        // the container port's own mapping wins
        "18000, '18000=41000,8000=40153', NULL, 41000",
        "9000, '9000=41900,8000=40153', NULL, 41900",
        // vast's images: engine on 18000 inside, Caddy on 8000 published
        "18000, '8000=40153,22=40122', 40100, 40153",
        // fallbacks in order 8000, 18000, 30000
        "9000, '30000=43000,18000=41800', NULL, 41800",
        "9000, '30000=43000', NULL, 43000",
        "9000, '22=40122', NULL, ",
        // then direct_port_start when positive
        "9000, '22=40122', 40100, 40100",
        "9000, '', 40100, 40100",
        "9000, '', -1, ",
        "9000, '', 0, ",
        "9000, '', 70000, ",
        "9000, NULL, NULL, "
      },
      nullValues = "NULL")
  void resolvesTheHostPort(
      int containerPort, String portSpec, Integer directPortStart, Integer expected) {
    Instance.Builder builder = Instance.builder(1).ports(ports(portSpec));
    // The vast.ai adapter drops a direct_port_start that is no port (-1: none); so does this.
    if (directPortStart != null && PortNumber.isValid(directPortStart)) {
      builder.directPortStart(directPortStart);
    }
    Instance instance = builder.build();

    assertThat(EndpointResolver.hostPort(instance, containerPort))
        .isEqualTo(expected == null ? OptionalInt.empty() : OptionalInt.of(expected));
  }

  @Test
  void directEndpointUsesPublicAddressHostPortAndToken() {
    Instance instance =
        Instance.builder(24681357)
            .address("203.0.113.47")
            .env(env("VLLM_MODEL=m;VLLM_ARGS=--host 127.0.0.1 --port 18000"))
            .ports(ports("8000=40153,22=40122"))
            .token("tok")
            .build();

    Endpoint endpoint = EndpointResolver.direct(instance).orElseThrow();

    assertThat(endpoint.baseUri()).isEqualTo("http://203.0.113.47:40153");
    assertThat(endpoint.bearerToken().reveal()).isEqualTo("tok");
  }

  @Test
  void noDirectEndpointWithoutAddressOrPort() {
    Instance noAddress = Instance.builder(1).ports(ports("8000=40153")).build();
    Instance noPort = Instance.builder(1).address("203.0.113.1").build();
    Instance badAddress =
        Instance.builder(1).address("203.0.113.1 10.0.0.1").ports(ports("8000=1")).build();

    assertThat(EndpointResolver.direct(noAddress)).isEmpty();
    assertThat(EndpointResolver.direct(noPort)).isEmpty();
    assertThat(EndpointResolver.direct(badAddress)).isEmpty();
  }
}
