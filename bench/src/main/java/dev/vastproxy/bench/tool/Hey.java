package dev.vastproxy.bench.tool;

import dev.vastproxy.bench.stats.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** hey, paced below saturation ({@code -q} per worker): latency of a POST at a fixed rate. */
public final class Hey {
  private final Path program;

  /** Runs this hey binary. */
  public Hey(Path program) {
    this.program = program;
  }

  /**
   * Sends the load at {@code rate} requests per second in all (split over its workers), with its
   * files in {@code dir}.
   */
  public HeyResult run(JsonLoad load, int rate, Path dir) throws IOException {
    Path body = dir.resolve("body.json");
    Files.write(body, load.body());
    int perWorker = Math.max(1, rate / load.connections());
    List<String> command =
        List.of(
            program.toString(),
            "-z",
            load.duration().toSeconds() + "s",
            "-c",
            Integer.toString(load.connections()),
            "-q",
            Integer.toString(perWorker),
            "-m",
            "POST",
            "-T",
            load.contentType(),
            "-H",
            "Authorization: Bearer " + load.bearer(),
            "-D",
            body.toString(),
            "-disable-compression",
            "-o",
            "csv",
            load.url());
    String output =
        ToolRun.run(command, dir.resolve("hey.csv"), load.duration().plus(Duration.ofSeconds(60)));
    return parse(output, load.duration().toMillis() / 1000.0);
  }

  /** Reads hey's CSV: one row per request, response time in seconds first, status code seventh. */
  static HeyResult parse(String csv, double seconds) throws IOException {
    Samples latencies = new Samples(1 << 16);
    long failed = 0;
    for (String line : csv.split("\n")) {
      String[] fields = line.trim().split(",");
      if (fields.length < 7 || !Character.isDigit(fields[0].charAt(0))) {
        continue;
      }
      latencies.add((long) (Double.parseDouble(fields[0]) * 1e9));
      if (!fields[6].equals("200")) {
        failed++;
      }
    }
    if (latencies.count() == 0) {
      throw new IOException(
          "hey printed no requests: " + csv.substring(0, Math.min(500, csv.length())));
    }
    return new HeyResult(latencies.percentilesMillis(), latencies.count() / seconds, failed);
  }
}
