package dev.vastproxy.adapters.http;

import java.util.Arrays;

/** Reads samples out of a Prometheus text exposition, for assertions. */
public final class PrometheusText {
  private final String text;

  public PrometheusText(String text) {
    this.text = text;
  }

  /**
   * The sum of the samples of a metric whose labels include all the given ones.
   *
   * @param labels pairs such as {@code backend="101"}
   */
  public double sum(String name, String... labels) {
    double total = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith("#") || !sampleOf(line, name)) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      String series = line.substring(0, space);
      if (Arrays.stream(labels).allMatch(series::contains)) {
        total += Double.parseDouble(line.substring(space + 1));
      }
    }
    return total;
  }

  /** Whether some sample of the metric has all the given labels. */
  public boolean has(String name, String... labels) {
    for (String line : text.split("\n")) {
      if (!line.startsWith("#")
          && sampleOf(line, name)
          && Arrays.stream(labels).allMatch(line.substring(0, line.lastIndexOf(' '))::contains)) {
        return true;
      }
    }
    return false;
  }

  private static boolean sampleOf(String line, String name) {
    return line.startsWith(name + "{") || line.startsWith(name + " ");
  }

  @Override
  public String toString() {
    return text;
  }
}
