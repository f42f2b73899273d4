package dev.vastproxy.bench.report;

import dev.vastproxy.bench.stage.MixedFleetStage;
import dev.vastproxy.bench.stage.MixedFleetStage.Row;
import dev.vastproxy.bench.stage.MixedFleetStage.Settings;
import dev.vastproxy.bench.targets.MockFleet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The mixed-fleet stage as Markdown: how it ran, a row per setup, and the aims checked. */
public final class MixedFleetReport {
  static final String LEAST_LOAD = "least-load";
  static final String LEAST_REQUESTS = "least-requests";
  static final String ROUND_ROBIN = "round-robin";
  static final String REPLICAS = "least-load, 2 replicas";

  private MixedFleetReport() {}

  /** The section, headed {@code ## Mixed fleet}. */
  public static String render(Settings settings, List<Row> rows, String when, String machine) {
    StringBuilder md = new StringBuilder();
    md.append("## Mixed fleet: routing by load\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "Run of %s (%s). Two simulated vLLM engines behind vastproxy: instance %d runs 8"
                + " generations at once at 20 ms per token, instance %d runs 2 at once at 60 ms per"
                + " token; later requests queue in the engine, and both report their load on"
                + " `/metrics`. Each answer streams %d tokens. Streams start open-loop at Poisson"
                + " times (seed %d, the same for every setup) at %.0f %% of the fleet's capacity"
                + " (%.2f of %.2f streams/s) for %d s; then the last ones may take %d s to end."
                + " A warm-up run at the same rate for %d s comes first, its streams left to end:"
                + " its TTFT is the cold start column (proxies that know nothing of the engines"
                + " yet); the other figures and the aims are the measured run's."
                + " Every setup gets a fresh fleet and fresh proxies (one JVM each, %s). The two"
                + " replicas share the fleet, and the streams alternate between them. Times are"
                + " from the client's request to its first `data:` event (TTFT) and to the end of"
                + " the answer; share is the streams each instance served.\n\n",
            when,
            machine,
            MockFleet.FIRST_ID,
            MockFleet.FIRST_ID + 1,
            settings.tokens(),
            settings.seed(),
            settings.load() * 100,
            settings.rate(),
            settings.capacity(),
            settings.duration().toSeconds(),
            settings.drain().toSeconds(),
            settings.warmUp().toSeconds(),
            "`-XX:ActiveProcessorCount=1 -Xmx256m`"));
    md.append(
        "| setup | streams | failed | TTFT p50 / p99 ms | completion p50 / p99 ms |"
            + " share fast / slow | cold start TTFT p50 / p99 ms |\n");
    md.append("|---|---:|---:|---|---|---|---|\n");
    for (Row row : rows) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %d | %s / %s | %s / %s | %s | %s / %s |%n",
              row.setup(),
              row.requests(),
              row.failed(),
              ms(row.ttft().p50()),
              ms(row.ttft().p99()),
              ms(row.completion().p50()),
              ms(row.completion().p99()),
              shares(row.served()),
              ms(row.coldTtft().p50()),
              ms(row.coldTtft().p99())));
    }
    md.append("\n| aim | measured (same run) | met |\n|---|---|---|\n");
    aim(md, rows, LEAST_LOAD, LEAST_REQUESTS, 0.5, "least-load p99 TTFT ≤ 0.5× least-requests'");
    aim(md, rows, LEAST_LOAD, ROUND_ROBIN, 0.1, "least-load p99 TTFT ≤ 0.1× round-robin's");
    aim(md, rows, REPLICAS, LEAST_LOAD, 1.5, "two replicas' p99 TTFT ≤ 1.5× one's");
    md.append('\n');
    return md.toString();
  }

  private static void aim(
      StringBuilder md, List<Row> rows, String setup, String base, double factor, String text) {
    Optional<Row> measured = find(rows, setup);
    Optional<Row> against = find(rows, base);
    if (measured.isEmpty() || against.isEmpty()) {
      md.append("| ").append(text).append(" | not measured | — |\n");
      return;
    }
    double value = measured.get().ttft().p99();
    double reference = against.get().ttft().p99();
    boolean met = value <= factor * reference;
    md.append(
        String.format(
            Locale.ROOT,
            "| %s | %s vs %s ms (×%.2f) | %s |%n",
            text,
            ms(value),
            ms(reference),
            reference > 0 ? value / reference : 0,
            met ? "yes" : "**no**"));
  }

  private static Optional<Row> find(List<Row> rows, String setup) {
    return rows.stream().filter(row -> row.setup().equals(setup)).findFirst();
  }

  private static String shares(Map<Long, Integer> served) {
    int total = served.values().stream().mapToInt(Integer::intValue).sum();
    StringBuilder text = new StringBuilder();
    for (int count : served.values()) {
      text.append(text.length() == 0 ? "" : " / ")
          .append(total == 0 ? "—" : String.format(Locale.ROOT, "%.1f %%", 100.0 * count / total));
    }
    return text.toString();
  }

  private static String ms(double millis) {
    return millis >= 100
        ? String.format(Locale.ROOT, "%,.0f", millis)
        : String.format(Locale.ROOT, "%.1f", millis);
  }

  /** The setups this report compares, as {@link MixedFleetStage#setups} names them. */
  static List<String> names() {
    return List.of(ROUND_ROBIN, LEAST_REQUESTS, LEAST_LOAD, REPLICAS);
  }
}
