package dev.vastproxy.bench.tool;

/**
 * What wrk measured.
 *
 * @param requestsPerSecond throughput
 * @param requests requests completed
 * @param p50Millis median latency
 * @param p99Millis 99th percentile latency
 * @param errors non-2xx answers plus socket errors
 */
public record WrkResult(
    double requestsPerSecond, long requests, double p50Millis, double p99Millis, long errors) {}
