package dev.vastproxy.bench.proc;

import java.util.OptionalDouble;

/**
 * What one measurement cost, and how busy the rest of the machine was meanwhile.
 *
 * @param seconds how long it lasted
 * @param targetCpuSeconds user plus system CPU of the proxy's process tree
 * @param targetPeakRssMib the proxy's largest resident set seen (sampled every 250 ms)
 * @param harnessCpuSeconds CPU of the harness itself: the load client and the mock backend
 * @param foreignCoresAverage cores used by other programs, on average
 * @param foreignCoresMax cores used by other programs in the busiest second
 * @param allocatedBytes heap the proxy allocated meanwhile, when it tells (a JVM proxy)
 */
public record ResourceUse(
    double seconds,
    double targetCpuSeconds,
    double targetPeakRssMib,
    double harnessCpuSeconds,
    double foreignCoresAverage,
    double foreignCoresMax,
    OptionalDouble allocatedBytes) {}
