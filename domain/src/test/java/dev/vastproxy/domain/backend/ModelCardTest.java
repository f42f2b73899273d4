package dev.vastproxy.domain.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModelCardTest {

  @Test
  void keepsTheEngineEntryAsGiven() {
    String entry = "{\"id\":\"m\",\"object\":\"model\",\"max_model_len\":32768}";

    ModelCard card = new ModelCard("m", entry);

    assertThat(card.id()).isEqualTo("m");
    assertThat(card.json()).isEqualTo(entry);
  }

  @Test
  void refusesABlankIdAnEntryThatIsNotAnObjectOrTooLarge() {
    String huge = "{\"id\":\"m\",\"x\":\"" + "a".repeat(ModelCard.MAX_JSON_CHARS) + "\"}";

    assertThatThrownBy(() -> new ModelCard(" ", "{}")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ModelCard("m", "[1]"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ModelCard("m", "{\"id\":\"m\""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ModelCard("m", huge))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("over");
  }
}
