package dev.vastproxy.adapters.http.admin;

import dev.vastproxy.domain.load.EngineSignals;
import dev.vastproxy.domain.load.LoadReading;
import dev.vastproxy.domain.load.RequestSpeed;
import java.util.Optional;

/**
 * A backend's load in the status JSON: what its engine last reported (null figures while it reports
 * nothing fresh) and what the proxy measured of its speed.
 *
 * @param running requests the engine reports generating, or null
 * @param waiting requests the engine reports queued, or null
 * @param kvCacheUsage the share of its KV cache in use, 0 to 1, or null
 * @param tokensPerSecond tokens it generated per second lately, or null
 * @param readAt when that report was read, ISO-8601, or null
 * @param firstByteMs the mean time to its response over recent requests, or null
 * @param requestMs the mean time of its recent completed requests, or null
 * @param slowOutlier whether routing gives it only a probe share
 */
public record EngineLoadStatus(
    Integer running,
    Integer waiting,
    Double kvCacheUsage,
    Double tokensPerSecond,
    String readAt,
    Long firstByteMs,
    Long requestMs,
    boolean slowOutlier) {

  /** The status of a backend's live signals. */
  public static EngineLoadStatus of(EngineSignals signals) {
    Optional<LoadReading> reading = signals.reading();
    RequestSpeed speed = signals.speed();
    return new EngineLoadStatus(
        reading.map(r -> r.report().running()).orElse(null),
        reading.map(r -> r.report().waiting()).orElse(null),
        reading.map(r -> GpuStatus.orNull(r.report().kvCacheUsage())).orElse(null),
        reading.map(r -> GpuStatus.orNull(r.tokensPerSecond())).orElse(null),
        reading.map(r -> r.readAt().toString()).orElse(null),
        speed.firstByteSamples() == 0 ? null : Math.round(speed.firstByteNanos() / 1e6),
        speed.requestSamples() == 0 ? null : Math.round(speed.requestNanos() / 1e6),
        signals.outlier());
  }
}
