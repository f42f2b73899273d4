package dev.vastproxy.domain.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the team's shared fixtures ({@code ../shared/fixtures} beside the repository). */
public final class SharedFixtures {
  private SharedFixtures() {}

  /** The path of a shared fixture, e.g. {@code vastai/list_v1_page.json}. */
  public static Path path(String relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/fixtures").resolve(relative);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "shared fixture "
            + relative
            + " not found in shared/fixtures above "
            + Path.of("").toAbsolutePath());
  }
}
