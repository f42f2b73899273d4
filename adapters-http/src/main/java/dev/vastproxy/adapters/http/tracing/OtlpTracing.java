package dev.vastproxy.adapters.http.tracing;

import dev.vastproxy.adapters.http.relay.ProxyObserver;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The OpenTelemetry SDK set up to send the proxy's spans to an OTLP/HTTP (protobuf) endpoint. Spans
 * that end go into a bounded queue that a batch thread of the SDK's own empties: an IO thread never
 * waits for the collector, and a queue that a slow or absent collector let fill drops spans rather
 * than memory or time. Closing sends what is queued.
 */
public final class OtlpTracing implements AutoCloseable {
  /** How often queued spans are sent; the SDK's default. */
  static final Duration BATCH_DELAY = Duration.ofSeconds(5);

  /** How long one export may take before it counts as failed. */
  static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(10);

  /** How long closing waits for the last spans to be sent. */
  static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  /**
   * The longest attribute value kept: a path is the client's to choose and may be as long as a
   * request head allows (32 KiB); every other value is an id, a count or a short name.
   */
  static final int MAX_ATTRIBUTE_LENGTH = 512;

  private static final String SCOPE = "dev.vastproxy.proxy";

  private final SdkTracerProvider provider;
  private final ProxyObserver observer;

  private OtlpTracing(SdkTracerProvider provider, String version) {
    this.provider = provider;
    this.observer = new OpenTelemetryProxyObserver(provider.get(SCOPE, version));
  }

  /**
   * Starts exporting to {@code endpoint}, the full URL of the collector's traces path (e.g. {@code
   * http://127.0.0.1:4318/v1/traces}).
   *
   * @param replica names this process ({@code service.instance.id})
   * @param version this build ({@code service.version})
   */
  public static OtlpTracing start(URI endpoint, String replica, String version) {
    return start(endpoint, replica, version, BATCH_DELAY);
  }

  static OtlpTracing start(URI endpoint, String replica, String version, Duration batchDelay) {
    OtlpHttpSpanExporter exporter =
        OtlpHttpSpanExporter.builder()
            .setEndpoint(endpoint.toString())
            .setTimeout(EXPORT_TIMEOUT)
            .build();
    Resource resource =
        Resource.getDefault()
            .merge(
                Resource.create(
                    Attributes.of(
                        AttributeKey.stringKey("service.name"),
                        "vastproxy",
                        AttributeKey.stringKey("service.instance.id"),
                        replica,
                        AttributeKey.stringKey("service.version"),
                        version)));
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(resource)
            .setSpanLimits(
                SpanLimits.builder().setMaxAttributeValueLength(MAX_ATTRIBUTE_LENGTH).build())
            // A client that decided not to sample its trace is obeyed; requests without a trace
            // context are all traced.
            .setSampler(Sampler.parentBased(Sampler.alwaysOn()))
            .addSpanProcessor(
                BatchSpanProcessor.builder(exporter).setScheduleDelay(batchDelay).build())
            .build();
    return new OtlpTracing(provider, version);
  }

  /** The observer that traces each proxied request. */
  public ProxyObserver observer() {
    return observer;
  }

  /** Sends the spans still queued, waiting at most {@link #CLOSE_TIMEOUT}, and stops. */
  @Override
  public void close() {
    provider.shutdown().join(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public String toString() {
    return "OTLP tracing";
  }
}
