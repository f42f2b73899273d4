package dev.vastproxy.domain.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PortMappingsTest {

  static Stream<Arguments> wireForms() {
    Map<String, List<String>> nullBinding = new HashMap<>();
    nullBinding.put("8000/tcp", null);
    return Stream.of(
        Arguments.of("null map", null, 8000, OptionalInt.empty()),
        Arguments.of("empty map", Map.of(), 8000, OptionalInt.empty()),
        Arguments.of(
            "HostPort as a string",
            Map.of("8000/tcp", List.of("40153")),
            8000,
            OptionalInt.of(40153)),
        Arguments.of(
            "padded HostPort",
            Map.of("8000/tcp", List.of(" 40153\n")),
            8000,
            OptionalInt.of(40153)),
        Arguments.of(
            "several bindings: the first valid one",
            Map.of("8000/tcp", Arrays.asList(null, "", "x", "40153", "40154")),
            8000,
            OptionalInt.of(40153)),
        Arguments.of("null binding list", nullBinding, 8000, OptionalInt.empty()),
        Arguments.of(
            "bare key is tcp", Map.of("8000", List.of("40153")), 8000, OptionalInt.of(40153)),
        Arguments.of(
            "upper-case protocol",
            Map.of("8000/TCP", List.of("40153")),
            8000,
            OptionalInt.of(40153)),
        Arguments.of(
            "udp is not for us", Map.of("8000/udp", List.of("40153")), 8000, OptionalInt.empty()),
        Arguments.of(
            "host port 0 rejected", Map.of("8000/tcp", List.of("0")), 8000, OptionalInt.empty()),
        Arguments.of(
            "host port 65536 rejected",
            Map.of("8000/tcp", List.of("65536")),
            8000,
            OptionalInt.empty()),
        Arguments.of(
            "host port 65535 accepted",
            Map.of("8000/tcp", List.of("65535")),
            8000,
            OptionalInt.of(65535)),
        Arguments.of(
            "negative host port rejected",
            Map.of("8000/tcp", List.of("-1")),
            8000,
            OptionalInt.empty()),
        Arguments.of(
            "malformed key skipped", Map.of("http/tcp", List.of("1")), 8000, OptionalInt.empty()),
        Arguments.of(
            "other port unmapped", Map.of("22/tcp", List.of("40122")), 8000, OptionalInt.empty()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wireForms")
  void readsWireForms(
      String description, Map<String, List<String>> raw, int containerPort, OptionalInt expected) {
    assertThat(PortMappings.fromWire(raw).hostPort(containerPort)).isEqualTo(expected);
  }

  @Test
  void emptyWhenNothingUsable() {
    assertThat(PortMappings.fromWire(Map.of("x/tcp", List.of("1"))).isEmpty()).isTrue();
    assertThat(PortMappings.fromWire(Map.of("22/tcp", List.of("40122"))).isEmpty()).isFalse();
  }

  @Test
  void comparesByContent() {
    PortMappings a = PortMappings.fromWire(Map.of("22/tcp", List.of("40122")));
    PortMappings b = PortMappings.fromWire(Map.of("22", List.of(" 40122")));

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.toString()).contains("22");
  }
}
