package dev.vastproxy.adapters.vastai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.domain.instance.PortMappings;
import dev.vastproxy.openapi.model.PortBinding;
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

class PortMappingsReaderTest {

  /** Bindings whose {@code HostPort} texts are given; a null text stands for a null binding. */
  private static List<PortBinding> bindings(String... hostPorts) {
    return Arrays.stream(hostPorts)
        .map(text -> text == null ? null : new PortBinding().hostIp("0.0.0.0").hostPort(text))
        .toList();
  }

  static Stream<Arguments> wireForms() {
    Map<String, List<PortBinding>> nullBinding = new HashMap<>();
    nullBinding.put("8000/tcp", null);
    return Stream.of(
        Arguments.of("null map", null, 8000, OptionalInt.empty()),
        Arguments.of("empty map", Map.of(), 8000, OptionalInt.empty()),
        Arguments.of(
            "HostPort as a string",
            Map.of("8000/tcp", bindings("40153")),
            8000,
            OptionalInt.of(40153)),
        Arguments.of(
            "padded HostPort",
            Map.of("8000/tcp", bindings(" 40153\n")),
            8000,
            OptionalInt.of(40153)),
        Arguments.of(
            "several bindings: the first valid one",
            Map.of("8000/tcp", bindings(null, "", "x", "40153", "40154")),
            8000,
            OptionalInt.of(40153)),
        Arguments.of(
            "a binding without HostPort",
            Map.of("8000/tcp", List.of(new PortBinding(), new PortBinding().hostPort("40153"))),
            8000,
            OptionalInt.of(40153)),
        Arguments.of("null binding list", nullBinding, 8000, OptionalInt.empty()),
        Arguments.of(
            "bare key is tcp", Map.of("8000", bindings("40153")), 8000, OptionalInt.of(40153)),
        Arguments.of(
            "upper-case protocol",
            Map.of("8000/TCP", bindings("40153")),
            8000,
            OptionalInt.of(40153)),
        Arguments.of(
            "udp is not for us", Map.of("8000/udp", bindings("40153")), 8000, OptionalInt.empty()),
        Arguments.of(
            "host port 0 rejected", Map.of("8000/tcp", bindings("0")), 8000, OptionalInt.empty()),
        Arguments.of(
            "host port 65536 rejected",
            Map.of("8000/tcp", bindings("65536")),
            8000,
            OptionalInt.empty()),
        Arguments.of(
            "host port 65535 accepted",
            Map.of("8000/tcp", bindings("65535")),
            8000,
            OptionalInt.of(65535)),
        Arguments.of(
            "negative host port rejected",
            Map.of("8000/tcp", bindings("-1")),
            8000,
            OptionalInt.empty()),
        Arguments.of(
            "malformed key skipped", Map.of("http/tcp", bindings("1")), 8000, OptionalInt.empty()),
        Arguments.of(
            "other port unmapped", Map.of("22/tcp", bindings("40122")), 8000, OptionalInt.empty()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wireForms")
  void readsWireForms(
      String description,
      Map<String, List<PortBinding>> raw,
      int containerPort,
      OptionalInt expected) {
    assertThat(PortMappingsReader.read(raw).hostPort(containerPort)).isEqualTo(expected);
  }

  @Test
  void emptyWhenNothingUsable() {
    Map<String, List<PortBinding>> nullKey = new HashMap<>();
    nullKey.put(null, bindings("1"));

    assertThat(PortMappingsReader.read(Map.of("x/tcp", bindings("1"))).isEmpty()).isTrue();
    assertThat(PortMappingsReader.read(nullKey).isEmpty()).isTrue();
    assertThat(PortMappingsReader.read(Map.of("22/tcp", bindings("40122"))).isEmpty()).isFalse();
  }

  @Test
  void bothKeyFormsReadTheSame() {
    PortMappings a = PortMappingsReader.read(Map.of("22/tcp", bindings("40122")));
    PortMappings b = PortMappingsReader.read(Map.of("22", bindings(" 40122")));

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
  }

  @Test
  void acceptsWholeNumbersInRangeOnly() {
    assertThat(PortMappingsReader.port(22)).hasValue(22);
    assertThat(PortMappingsReader.port(22.0)).hasValue(22);
    assertThat(PortMappingsReader.port(22.5)).isEmpty();
    assertThat(PortMappingsReader.port(-1)).isEmpty();
    assertThat(PortMappingsReader.port(70_000L)).isEmpty();
    assertThat(PortMappingsReader.port(null)).isEmpty();
  }
}
