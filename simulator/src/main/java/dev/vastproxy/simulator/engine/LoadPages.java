package dev.vastproxy.simulator.engine;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.Locale;

/**
 * The fake engine's load reports: {@code GET /metrics} in vLLM's or SGLang's Prometheus dialect and
 * SGLang's {@code GET /v1/loads}, as its {@link EngineLoadProfile} says.
 */
final class LoadPages {
  private final EngineKind kind;
  private final EngineLoadProfile profile;
  private final EngineSlots slots;
  private long lastTokens;
  private long lastNanos = System.nanoTime();
  private double throughput;

  LoadPages(EngineKind kind, EngineLoadProfile profile, EngineSlots slots) {
    this.kind = kind;
    this.profile = profile;
    this.slots = slots;
  }

  /** Answers a load page and says so, or leaves the exchange alone for other routes. */
  boolean serve(HttpServerExchange exchange, String method, String path, String model) {
    if (!method.equals("GET") || !profile.metrics()) {
      return false;
    }
    if (path.equals("/metrics")) {
      exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; version=0.0.4");
      exchange.getResponseSender().send(kind == EngineKind.VLLM ? vllm(model) : sglang(model));
      return true;
    }
    if (path.equals("/v1/loads") && kind == EngineKind.SGLANG && profile.loadsEndpoint()) {
      Replies.json(exchange, 200, loads());
      return true;
    }
    return false;
  }

  private String vllm(String model) {
    String labels = "{engine=\"0\",model_name=" + JsonText.quote(model) + "}";
    String cache =
        profile.legacyCacheMetric() ? "vllm:gpu_cache_usage_perc" : "vllm:kv_cache_usage_perc";
    return gauge(
            "vllm:num_requests_running",
            "Number of requests in model execution batches.",
            labels,
            slots.running())
        + gauge(
            "vllm:num_requests_waiting",
            "Number of requests waiting to be processed.",
            labels,
            slots.waiting())
        + gauge(cache, "KV-cache usage. 1 means 100 percent usage.", labels, slots.cacheUsage())
        + counter(
            "vllm:generation_tokens_total",
            "Number of generation tokens processed.",
            labels,
            slots.generatedTokens());
  }

  private String sglang(String model) {
    String prefix = profile.sglangPrefix();
    String labels = "{model_name=" + JsonText.quote(model) + "}";
    return gauge(
            prefix + "num_running_reqs", "The number of running requests.", labels, slots.running())
        + gauge(
            prefix + "num_queue_reqs",
            "The number of requests in the waiting queue.",
            labels,
            slots.waiting())
        + gauge(prefix + "token_usage", "The token usage.", labels, slots.cacheUsage())
        + gauge(
            prefix + "gen_throughput", "The generation throughput (token/s).", labels, throughput())
        + counter(
            prefix + "generation_tokens_total",
            "Number of generation tokens processed.",
            labels,
            slots.generatedTokens());
  }

  private String loads() {
    return String.format(
        Locale.ROOT,
        "{\"dp_rank_count\":1,\"loads\":[{\"dp_rank\":0,\"num_running_reqs\":%d,"
            + "\"num_waiting_reqs\":%d,\"token_usage\":%.4f,\"gen_throughput\":%.2f}]}",
        slots.running(),
        slots.waiting(),
        slots.cacheUsage(),
        throughput());
  }

  /** Tokens per second since the previous scrape, as SGLang's gauge reports recent throughput. */
  private synchronized double throughput() {
    long now = System.nanoTime();
    long tokens = slots.generatedTokens();
    if (now - lastNanos >= 100_000_000L) {
      throughput = (tokens - lastTokens) * 1e9 / (now - lastNanos);
      lastTokens = tokens;
      lastNanos = now;
    }
    return throughput;
  }

  private static String gauge(String name, String help, String labels, double value) {
    return sample(name, "gauge", help, labels, value);
  }

  private static String counter(String name, String help, String labels, double value) {
    return sample(name, "counter", help, labels, value);
  }

  private static String sample(String name, String type, String help, String labels, double value) {
    return "# HELP "
        + name
        + " "
        + help
        + "\n# TYPE "
        + name
        + " "
        + type
        + "\n"
        + name
        + labels
        + " "
        + String.format(Locale.ROOT, "%.4f", value)
        + "\n";
  }
}
