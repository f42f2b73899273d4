package dev.vastproxy.bench.tool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** wrk, closed-loop at saturation: throughput and latency of a POST. */
public final class Wrk {
  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
  private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
  private static final Pattern SOCKET =
      Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

  private final Path program;
  private final int threads;

  /** Runs this wrk binary with this many threads. */
  public Wrk(Path program, int threads) {
    this.program = program;
    this.threads = threads;
  }

  /** Runs the load, with its script and output in {@code dir}. */
  public WrkResult run(JsonLoad load, Path dir) throws IOException {
    Path script = dir.resolve("post.lua");
    Files.writeString(script, script(load), StandardCharsets.UTF_8);
    String output =
        ToolRun.run(
            List.of(
                program.toString(),
                "-t" + threads,
                "-c" + load.connections(),
                "-d" + load.duration().toSeconds() + "s",
                "--latency",
                "-s",
                script.toString(),
                load.url()),
            dir.resolve("wrk.out"),
            load.duration().plus(Duration.ofSeconds(30)));
    return parse(output);
  }

  /** The Lua script that turns wrk's GETs into the load's POST. */
  static String script(JsonLoad load) {
    String body = new String(load.body(), StandardCharsets.UTF_8);
    if (body.contains("]==]")) {
      throw new IllegalArgumentException("the body cannot be quoted for Lua");
    }
    return "wrk.method = \"POST\"\n"
        + "wrk.body = [==["
        + body
        + "]==]\n"
        + "wrk.headers[\"Content-Type\"] = \""
        + load.contentType()
        + "\"\n"
        + (load.bearer().isEmpty()
            ? ""
            : "wrk.headers[\"Authorization\"] = \"Bearer " + load.bearer() + "\"\n");
  }

  /** Reads wrk's report. */
  static WrkResult parse(String output) throws IOException {
    Matcher rate = RATE.matcher(output);
    Matcher total = TOTAL.matcher(output);
    if (!rate.find() || !total.find()) {
      throw new IOException("wrk printed no result: " + output);
    }
    long errors = 0;
    Matcher non2xx = NON_2XX.matcher(output);
    if (non2xx.find()) {
      errors += Long.parseLong(non2xx.group(1));
    }
    Matcher socket = SOCKET.matcher(output);
    if (socket.find()) {
      for (int i = 1; i <= 4; i++) {
        errors += Long.parseLong(socket.group(i));
      }
    }
    return new WrkResult(
        Double.parseDouble(rate.group(1)),
        Long.parseLong(total.group(1)),
        percentileMillis(output, "50%"),
        percentileMillis(output, "99%"),
        errors);
  }

  private static double percentileMillis(String output, String label) throws IOException {
    Matcher matcher =
        Pattern.compile("\\s" + Pattern.quote(label) + "\\s+([\\d.]+)(us|ms|s)\\b").matcher(output);
    if (!matcher.find()) {
      throw new IOException("wrk printed no " + label + " latency: " + output);
    }
    double value = Double.parseDouble(matcher.group(1));
    return switch (matcher.group(2)) {
      case "us" -> value / 1000;
      case "ms" -> value;
      default -> value * 1000;
    };
  }
}
