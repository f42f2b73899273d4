package dev.vastproxy.domain.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the test fixtures (vast.ai bodies, engine samples, nvidia-smi outputs) from the class path.
 */
public final class Fixtures {
  private Fixtures() {}

  /** A fixture's text, e.g. {@code read("vastai/list_v1_page.json")}. */
  public static String read(String relative) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + relative)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + relative);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
