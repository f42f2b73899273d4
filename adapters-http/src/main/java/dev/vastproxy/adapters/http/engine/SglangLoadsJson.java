package dev.vastproxy.adapters.http.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vastproxy.domain.load.EngineReport;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Reads SGLang's {@code GET /v1/loads}: {@code {"loads": [{"num_running_reqs": ..,
 * "num_waiting_reqs": .., "token_usage": .., "gen_throughput": ..}, ...]}}, one entry per
 * data-parallel rank, summed (cache usage averaged). {@code num_queue_reqs} is taken for {@code
 * num_waiting_reqs} too.
 */
final class SglangLoadsJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SglangLoadsJson() {}

  /** The engine's report, or empty when the body is not a loads list. */
  static Optional<EngineReport> read(byte[] body) {
    JsonNode loads;
    try {
      loads = JSON.readTree(body).path("loads");
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    if (!loads.isArray() || loads.isEmpty()) {
      return Optional.empty();
    }
    double running = 0;
    double waiting = 0;
    double usage = 0;
    int usages = 0;
    double throughput = 0;
    boolean anyThroughput = false;
    for (JsonNode rank : loads) {
      if (!rank.path("num_running_reqs").isNumber()) {
        return Optional.empty();
      }
      running += rank.path("num_running_reqs").asDouble();
      JsonNode queued =
          rank.has("num_waiting_reqs") ? rank.get("num_waiting_reqs") : rank.path("num_queue_reqs");
      waiting += queued.asDouble(0);
      if (rank.path("token_usage").isNumber()) {
        usage += rank.get("token_usage").asDouble();
        usages++;
      }
      if (rank.path("gen_throughput").isNumber()) {
        throughput += rank.get("gen_throughput").asDouble();
        anyThroughput = true;
      }
    }
    return Optional.of(
        new EngineReport(
            PrometheusLoadText.count(running),
            PrometheusLoadText.count(waiting),
            usages == 0
                ? OptionalDouble.empty()
                : OptionalDouble.of(PrometheusLoadText.share(usage / usages)),
            OptionalDouble.empty(),
            anyThroughput ? OptionalDouble.of(Math.max(0, throughput)) : OptionalDouble.empty()));
  }
}
