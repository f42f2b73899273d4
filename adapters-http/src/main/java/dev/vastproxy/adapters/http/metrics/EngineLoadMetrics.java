package dev.vastproxy.adapters.http.metrics;

import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.fleet.FleetListener;
import dev.vastproxy.domain.fleet.FleetSnapshot;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.load.EngineSignals;
import dev.vastproxy.domain.load.LoadReading;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * What engines report of their load and what the proxy measures of their speed, per backend:
 * running and waiting requests, KV-cache use, generated tokens per second (NaN while the engine
 * reports nothing), mean time to first byte and per request, and whether routing treats the backend
 * as a slow outlier. Gauges read each backend's live signals at scrape time and leave with it.
 */
public final class EngineLoadMetrics implements FleetListener {
  static final String RUNNING = "vastproxy.engine.running.requests";
  static final String WAITING = "vastproxy.engine.waiting.requests";
  static final String KV_CACHE = "vastproxy.engine.kv.cache.usage.ratio";
  static final String TOKENS_PER_SECOND = "vastproxy.engine.generation.tokens.per.second";
  static final String FIRST_BYTE = "vastproxy.backend.measured.first.byte.seconds";
  static final String REQUEST = "vastproxy.backend.measured.request.seconds";
  static final String OUTLIER = "vastproxy.backend.slow.outlier";

  private final MeterRegistry registry;
  private final Map<InstanceId, List<Gauge>> tracked = new HashMap<>();

  public EngineLoadMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public synchronized void fleetChanged(FleetSnapshot before, FleetSnapshot after) {
    tracked
        .entrySet()
        .removeIf(
            entry -> {
              if (after.backend(entry.getKey()).isPresent()) {
                return false;
              }
              entry.getValue().forEach(registry::remove);
              return true;
            });
    for (Backend backend : after.backends()) {
      List<Gauge> gauges = tracked.get(backend.id());
      if (gauges == null || !sameIncarnation(before, backend)) {
        if (gauges != null) {
          gauges.forEach(registry::remove);
        }
        tracked.put(backend.id(), register(backend));
      }
    }
  }

  private static boolean sameIncarnation(FleetSnapshot before, Backend backend) {
    return before.backend(backend.id()).map(b -> b.load() == backend.load()).orElse(false);
  }

  private List<Gauge> register(Backend backend) {
    EngineSignals signals = backend.load().signals();
    String tag = backend.id().toString();
    List<Gauge> gauges = new ArrayList<>();
    gauges.add(
        gauge(
            RUNNING,
            "Requests the engine reports generating",
            tag,
            signals,
            s -> reported(s, r -> r.report().running())));
    gauges.add(
        gauge(
            WAITING,
            "Requests the engine reports queued",
            tag,
            signals,
            s -> reported(s, r -> r.report().waiting())));
    gauges.add(
        gauge(
            KV_CACHE,
            "Share of the engine's KV cache in use, 0 to 1",
            tag,
            signals,
            s -> reported(s, r -> r.report().kvCacheUsage().orElse(Double.NaN))));
    gauges.add(
        gauge(
            TOKENS_PER_SECOND,
            "Tokens the engine generated per second lately",
            tag,
            signals,
            s -> reported(s, r -> r.tokensPerSecond().orElse(Double.NaN))));
    gauges.add(
        gauge(
            FIRST_BYTE,
            "Mean time to the backend's response over recent requests",
            tag,
            signals,
            s ->
                s.speed().firstByteSamples() == 0 ? Double.NaN : s.speed().firstByteNanos() / 1e9));
    gauges.add(
        gauge(
            REQUEST,
            "Mean time of recent completed requests",
            tag,
            signals,
            s -> s.speed().requestSamples() == 0 ? Double.NaN : s.speed().requestNanos() / 1e9));
    gauges.add(
        gauge(
            OUTLIER,
            "1 while routing gives the backend only a probe share, else 0",
            tag,
            signals,
            s -> s.outlier() ? 1 : 0));
    return gauges;
  }

  private static double reported(EngineSignals signals, ToDoubleFunction<LoadReading> figure) {
    Optional<LoadReading> reading = signals.reading();
    return reading.isPresent() ? figure.applyAsDouble(reading.get()) : Double.NaN;
  }

  private Gauge gauge(
      String name,
      String description,
      String tag,
      EngineSignals signals,
      ToDoubleFunction<EngineSignals> value) {
    return Gauge.builder(name, signals, value)
        .description(description)
        .tag("backend", tag)
        .strongReference(true)
        .register(registry);
  }
}
