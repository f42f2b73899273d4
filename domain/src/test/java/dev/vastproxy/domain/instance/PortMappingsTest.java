package dev.vastproxy.domain.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortMappingsTest {

  @Test
  void theFirstHostPortCounts() {
    PortMappings mappings = PortMappings.of(Map.of(8000, List.of(40153, 40154)));

    assertThat(mappings.hostPort(8000)).hasValue(40153);
    assertThat(mappings.hostPort(22)).isEmpty();
    assertThat(PortMappings.empty().hostPort(8000)).isEmpty();
  }

  @Test
  void emptyWhenNothingIsPublished() {
    assertThat(PortMappings.of(Map.of())).isSameAs(PortMappings.empty());
    assertThat(PortMappings.empty().isEmpty()).isTrue();
    assertThat(PortMappings.empty().with(22, 40122).isEmpty()).isFalse();
  }

  @Test
  void oneMoreMappingReplacesWhereAPortWasPublished() {
    PortMappings mappings = PortMappings.of(Map.of(8000, List.of(40153))).with(8000, 41234);

    assertThat(mappings.hostPort(8000)).hasValue(41234);
  }

  @Test
  void rejectsNumbersThatAreNoPorts() {
    assertThatThrownBy(() -> PortMappings.of(Map.of(8000, List.of(0))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("host port");
    assertThatThrownBy(() -> PortMappings.of(Map.of(70_000, List.of(1))))
        .hasMessageContaining("container port");
    assertThatThrownBy(() -> PortMappings.of(Map.of(8000, List.of())))
        .hasMessageContaining("no host port");
  }

  @Test
  void comparesByContent() {
    PortMappings a = PortMappings.of(Map.of(22, List.of(40122)));
    PortMappings b = PortMappings.empty().with(22, 40122);

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.toString()).contains("22");
  }
}
