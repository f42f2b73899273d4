package dev.vastproxy.domain.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class InstanceSelectionTest {
  private static Instance instance(long id, String label, String image) {
    Instance.Builder builder = Instance.builder(id).running().image(image);
    if (!label.isEmpty()) {
      builder.label(label);
    }
    return builder.build();
  }

  @Test
  void emptyOrAllSelectsEverything() {
    assertThat(InstanceSelection.parse("").selectsAll()).isTrue();
    assertThat(InstanceSelection.parse(" ALL ").selectsAll()).isTrue();
    assertThat(InstanceSelection.all().matches(instance(1, "", ""))).isTrue();
    assertThat(InstanceSelection.all()).hasToString("all");
  }

  @ParameterizedTest
  @CsvSource({
    "label:inference, 1, inference, x, true",
    "label:inference, 1, Inference, x, false",
    "label:infer*, 1, inference-2, x, true",
    "label:inference, 1, '', x, false",
    "image:vastai/vllm, 1, '', vastai/vllm:v0.16.0-cuda-12.9, true",
    "image:vastai/vllm*, 1, '', vastai/vllm:v0.16.0-cuda-12.9, true",
    "image:VASTAI/VLLM:v0.16.0-cuda-12.?, 1, '', vastai/vllm:v0.16.0-cuda-12.9, true",
    "image:vllm/*, 1, '', vllm/vllm-openai:latest, true",
    "image:vastai/vllm, 1, '', vastai/sglang:v0.5.4, false",
    "image:vastai/vllm, 1, '', '', false",
    "id:31812887, 31812887, '', x, true",
    "id:31812887, 31812888, '', x, false",
    "'label:a, id:7', 7, '', x, true",
    "'label:a,image:pytorch/*', 8, '', pytorch/pytorch:2.5, true",
  })
  void matchesAnyTerm(String text, long id, String label, String image, boolean selected) {
    assertThat(InstanceSelection.parse(text).matches(instance(id, label, image)))
        .isEqualTo(selected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "lable:foo",
        "foo",
        "label:",
        "id:abc",
        "id:0",
        "id:-3",
        "label:a,,id:1",
        "label:a b"
      })
  void refusesWhatIsNoSelectorWithTheFix(String text) {
    assertThatThrownBy(() -> InstanceSelection.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("use label:<pattern>, image:<pattern> or id:<number>");
  }

  @Test
  void writesItselfBackAndNamesItsLabels() {
    InstanceSelection selection =
        InstanceSelection.parse("label:inference, image:VastAI/vllm*,id:7");
    assertThat(selection).hasToString("label:inference,image:vastai/vllm*,id:7");
    assertThat(selection.labels()).containsExactly("inference");
    assertThat(selection.selectsAll()).isFalse();
  }
}
