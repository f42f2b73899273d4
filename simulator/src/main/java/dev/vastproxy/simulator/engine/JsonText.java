package dev.vastproxy.simulator.engine;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/** Quotes text as a JSON string literal. */
final class JsonText {
  private JsonText() {}

  static String quote(String text) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
  }
}
