package dev.vastproxy.bench.stats;

/**
 * The usual latency percentiles of one run, in milliseconds.
 *
 * @param p50 the median
 * @param p99 the 99th percentile
 * @param p999 the 99.9th percentile
 * @param count how many values they come from
 */
public record Percentiles(double p50, double p99, double p999, int count) {
  /** No values. */
  public static final Percentiles NONE = new Percentiles(0, 0, 0, 0);

  /** Each percentile minus another's (what a proxy adds to direct). */
  public Percentiles minus(Percentiles base) {
    return new Percentiles(p50 - base.p50, p99 - base.p99, p999 - base.p999, count);
  }
}
