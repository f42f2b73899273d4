package dev.vastproxy.domain.testing;

import dev.vastproxy.domain.backend.ModelCard;
import java.util.Arrays;
import java.util.List;

/** Model entries for tests: each says only its id, as a minimal engine would. */
public final class Cards {
  private Cards() {}

  /** One entry per id, e.g. {@code {"id":"m","object":"model"}}. */
  public static List<ModelCard> of(String... ids) {
    return Arrays.stream(ids).map(Cards::card).toList();
  }

  /** One entry, its id quoted crudely: test ids carry no quotes or backslashes. */
  public static ModelCard card(String id) {
    return new ModelCard(id, "{\"id\":\"" + id + "\",\"object\":\"model\"}");
  }
}
