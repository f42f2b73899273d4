package dev.vastproxy.simulator.engine;

import java.util.Objects;

/**
 * How much a fake engine can do at once and how it reports its load: a number of concurrent
 * generations (later ones queue, as in vLLM's and SGLang's schedulers), and {@code GET /metrics} in
 * its engine's Prometheus dialect, with SGLang's {@code GET /v1/loads} JSON too.
 *
 * @param concurrent generations run at once; 0 means no limit
 * @param metrics whether {@code GET /metrics} is served (engines started without metrics answer
 *     404)
 * @param loadsEndpoint whether an SGLang engine serves {@code GET /v1/loads} (older images: 404)
 * @param sglangPrefix SGLang's metric prefix: {@code sglang:} or, on some images, {@code sglang_}
 * @param legacyCacheMetric whether a vLLM engine names its KV-cache gauge as older images did
 *     ({@code vllm:gpu_cache_usage_perc} instead of {@code vllm:kv_cache_usage_perc})
 */
public record EngineLoadProfile(
    int concurrent,
    boolean metrics,
    boolean loadsEndpoint,
    String sglangPrefix,
    boolean legacyCacheMetric) {

  public EngineLoadProfile {
    if (concurrent < 0) {
      throw new IllegalArgumentException("concurrent must not be negative: " + concurrent);
    }
    Objects.requireNonNull(sglangPrefix, "sglangPrefix");
    if (!sglangPrefix.equals("sglang:") && !sglangPrefix.equals("sglang_")) {
      throw new IllegalArgumentException("sglangPrefix is sglang: or sglang_, not " + sglangPrefix);
    }
  }

  /** No limit; metrics in the current dialects, {@code /v1/loads} on SGLang. */
  public static EngineLoadProfile unlimited() {
    return new EngineLoadProfile(0, true, true, "sglang:", false);
  }

  /** The same with a number of concurrent generations. */
  public EngineLoadProfile withConcurrent(int generations) {
    return new EngineLoadProfile(
        generations, metrics, loadsEndpoint, sglangPrefix, legacyCacheMetric);
  }

  /** The same without {@code /metrics} (and without {@code /v1/loads}). */
  public EngineLoadProfile withoutMetrics() {
    return new EngineLoadProfile(concurrent, false, false, sglangPrefix, legacyCacheMetric);
  }

  /** The same as an older SGLang image: no {@code /v1/loads}, metrics with this prefix. */
  public EngineLoadProfile olderSglang(String prefix) {
    return new EngineLoadProfile(concurrent, metrics, false, prefix, legacyCacheMetric);
  }

  /** The same as an older vLLM image: {@code vllm:gpu_cache_usage_perc}. */
  public EngineLoadProfile olderVllm() {
    return new EngineLoadProfile(concurrent, metrics, loadsEndpoint, sglangPrefix, true);
  }
}
