package dev.vastproxy.bench.stage;

import dev.vastproxy.bench.proc.ResourceUse;

/**
 * One measurement of one target in one round, with what it cost.
 *
 * @param result what the load tool measured
 * @param use the proxy's CPU and memory, the harness's CPU, and foreign CPU meanwhile
 * @param <R> the kind of result
 */
public record Measured<R>(R result, ResourceUse use) {}
