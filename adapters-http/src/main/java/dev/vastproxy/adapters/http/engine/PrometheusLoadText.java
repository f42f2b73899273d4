package dev.vastproxy.adapters.http.engine;

import dev.vastproxy.domain.load.EngineReport;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Reads an engine's load out of its Prometheus text ({@code GET /metrics}) in vLLM's dialect
 * ({@code vllm:num_requests_running}, {@code vllm:num_requests_waiting}, {@code
 * vllm:kv_cache_usage_perc} or, on older images, {@code vllm:gpu_cache_usage_perc}) or SGLang's
 * ({@code num_running_reqs}, {@code num_queue_reqs}, {@code token_usage}, {@code gen_throughput},
 * with the {@code sglang:} or the {@code sglang_} prefix), plus the generated-token counter of
 * either. Series of one metric (per engine core, per data-parallel rank) are summed; cache usage is
 * their mean. Every other line is skipped unparsed.
 */
final class PrometheusLoadText {
  private enum Figure {
    RUNNING,
    WAITING,
    CACHE,
    TOKENS,
    THROUGHPUT
  }

  private static final Map<String, Figure> NAMES =
      Map.ofEntries(
          Map.entry("vllm:num_requests_running", Figure.RUNNING),
          Map.entry("vllm:num_requests_waiting", Figure.WAITING),
          Map.entry("vllm:kv_cache_usage_perc", Figure.CACHE),
          Map.entry("vllm:gpu_cache_usage_perc", Figure.CACHE),
          Map.entry("vllm:generation_tokens_total", Figure.TOKENS),
          Map.entry("sglang:num_running_reqs", Figure.RUNNING),
          Map.entry("sglang_num_running_reqs", Figure.RUNNING),
          Map.entry("sglang:num_queue_reqs", Figure.WAITING),
          Map.entry("sglang_num_queue_reqs", Figure.WAITING),
          Map.entry("sglang:token_usage", Figure.CACHE),
          Map.entry("sglang_token_usage", Figure.CACHE),
          Map.entry("sglang:generation_tokens_total", Figure.TOKENS),
          Map.entry("sglang_generation_tokens_total", Figure.TOKENS),
          Map.entry("sglang:gen_throughput", Figure.THROUGHPUT),
          Map.entry("sglang_gen_throughput", Figure.THROUGHPUT));

  private PrometheusLoadText() {}

  /** The engine's report, or empty when the text names neither running nor waiting requests. */
  static Optional<EngineReport> read(byte[] body) {
    double[] sums = new double[Figure.values().length];
    int[] counts = new int[Figure.values().length];
    for (String line : new String(body, StandardCharsets.UTF_8).split("\n")) {
      if (line.isEmpty() || line.charAt(0) == '#') {
        continue;
      }
      int nameEnd = nameEnd(line);
      Figure figure = NAMES.get(line.substring(0, nameEnd));
      if (figure == null) {
        continue;
      }
      OptionalDouble value = value(line, nameEnd);
      if (value.isPresent()) {
        sums[figure.ordinal()] += value.getAsDouble();
        counts[figure.ordinal()]++;
      }
    }
    if (counts[Figure.RUNNING.ordinal()] == 0 && counts[Figure.WAITING.ordinal()] == 0) {
      return Optional.empty();
    }
    return Optional.of(
        new EngineReport(
            count(sums[Figure.RUNNING.ordinal()]),
            count(sums[Figure.WAITING.ordinal()]),
            counts[Figure.CACHE.ordinal()] == 0
                ? OptionalDouble.empty()
                : OptionalDouble.of(
                    share(sums[Figure.CACHE.ordinal()] / counts[Figure.CACHE.ordinal()])),
            present(sums, counts, Figure.TOKENS),
            present(sums, counts, Figure.THROUGHPUT)));
  }

  private static int nameEnd(String line) {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '{' || c == ' ' || c == '\t') {
        return i;
      }
    }
    return line.length();
  }

  /** The sample's value: the first field after the labels (which may hold spaces in quotes). */
  private static OptionalDouble value(String line, int nameEnd) {
    int start = nameEnd;
    if (start < line.length() && line.charAt(start) == '{') {
      int close = line.lastIndexOf('}');
      if (close < start) {
        return OptionalDouble.empty();
      }
      start = close + 1;
    }
    String[] fields = line.substring(start).trim().split("\\s+");
    try {
      double value = Double.parseDouble(fields[0]);
      return Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
    } catch (NumberFormatException e) {
      return OptionalDouble.empty();
    }
  }

  static int count(double value) {
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, Math.round(value)));
  }

  static double share(double value) {
    return Math.max(0, Math.min(1, value));
  }

  private static OptionalDouble present(double[] sums, int[] counts, Figure figure) {
    return counts[figure.ordinal()] == 0
        ? OptionalDouble.empty()
        : OptionalDouble.of(Math.max(0, sums[figure.ordinal()]));
  }
}
