package dev.vastproxy.adapters.vastai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.domain.instance.StopMark;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StopMarkLabelTest {
  private static final Instant AT = Instant.parse("2026-11-30T21:00:05.250Z");

  @Test
  void readsWhatItWritesRoundingTheTimeUp() {
    StopMark mark = new StopMark(AT, List.of("Qwen/Qwen3-8B", "модель 2", "a]b%c"));

    String text = StopMarkLabel.write(Optional.of("team a"), Optional.of(mark));
    StopMarkLabel.Parts parts = StopMarkLabel.read(text);

    assertThat(text)
        .isEqualTo(
            "team a [stopped by vastproxy at 2026-11-30T21:00:06Z for Qwen/Qwen3-8B"
                + " модель%202 a%5Db%25c]");
    assertThat(parts.label()).contains("team a");
    assertThat(parts.mark().orElseThrow().models()).isEqualTo(mark.models());
    assertThat(parts.mark().orElseThrow().at()).isEqualTo(Instant.parse("2026-11-30T21:00:06Z"));
  }

  @Test
  void aMarkAloneIsNoLabelAndNoMarkIsTheLabelAlone() {
    assertThat(StopMarkLabel.read("[stopped by vastproxy at 2026-11-30T21:00:05Z]").label())
        .isEmpty();
    assertThat(StopMarkLabel.write(Optional.of("team a"), Optional.empty())).isEqualTo("team a");
    assertThat(StopMarkLabel.write(Optional.empty(), Optional.empty())).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "inference",
        "[stopped by vastproxy at yesterday for m]",
        "x [stopped by vastproxy at 2026-11-30T21:00:05Z for %20]",
        "[stopped by vastproxy at 2026-11-30T21:00:05Z for m] trailing",
        "[stopped by someone at 2026-11-30T21:00:05Z]"
      })
  void anythingElseIsTheOwnersLabelWhole(String label) {
    StopMarkLabel.Parts parts = StopMarkLabel.read(label);

    assertThat(parts.label()).contains(label);
    assertThat(parts.mark()).isEmpty();
  }

  @Test
  void modelsThatDoNotFitVastAisLongestLabelAreLeftOut() {
    List<String> models = IntStream.range(0, 100).mapToObj(i -> "org/model-number-" + i).toList();

    String text = StopMarkLabel.write(Optional.of("team"), Optional.of(new StopMark(AT, models)));

    assertThat(text.length()).isLessThanOrEqualTo(StopMarkLabel.MAX_LENGTH);
    List<String> kept = StopMarkLabel.read(text).mark().orElseThrow().models();
    assertThat(kept).isNotEmpty().isEqualTo(models.subList(0, kept.size()));
  }
}
