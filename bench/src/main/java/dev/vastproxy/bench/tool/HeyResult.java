package dev.vastproxy.bench.tool;

import dev.vastproxy.bench.stats.Percentiles;

/**
 * What hey measured.
 *
 * @param latency response time percentiles
 * @param requestsPerSecond the rate achieved
 * @param failed answers other than 200, and errors
 */
public record HeyResult(Percentiles latency, double requestsPerSecond, long failed) {}
