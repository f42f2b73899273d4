package dev.vastproxy.domain.load;

/**
 * A backend's measured speed over its recent requests: exponentially weighted means of the time to
 * the first response byte and of the whole request, in nanoseconds.
 *
 * @param firstByteNanos mean time from the request's arrival to the backend's response
 * @param requestNanos mean time from the request's arrival to its end (waiting, prefill and
 *     generation together: what a client of this backend waits)
 * @param firstByteSamples how many first-byte samples went into the mean
 * @param requestSamples how many whole-request samples went into the mean
 */
public record RequestSpeed(
    double firstByteNanos, double requestNanos, long firstByteSamples, long requestSamples) {

  /** The weight of a new sample: the last ten or so requests dominate the means. */
  public static final double WEIGHT = 0.2;

  /**
   * A sample counts as at most this many times the current mean: one hour-long stream must not make
   * a backend look slow, while an engine that really slowed down moves the mean up by 40 % a
   * request and is caught within a few.
   */
  public static final double SAMPLE_CAP = 3.0;

  private static final RequestSpeed UNMEASURED = new RequestSpeed(0, 0, 0, 0);

  public RequestSpeed {
    if (firstByteNanos < 0 || requestNanos < 0 || firstByteSamples < 0 || requestSamples < 0) {
      throw new IllegalArgumentException("speeds and sample counts must not be negative");
    }
  }

  /** Nothing measured yet. */
  public static RequestSpeed unmeasured() {
    return UNMEASURED;
  }

  /** With a new time to first byte. */
  public RequestSpeed withFirstByte(long nanos) {
    double mean = firstByteSamples == 0 ? nanos : next(firstByteNanos, nanos);
    return new RequestSpeed(mean, requestNanos, firstByteSamples + 1, requestSamples);
  }

  /** With a new whole-request time. */
  public RequestSpeed withRequest(long nanos) {
    double mean = requestSamples == 0 ? nanos : next(requestNanos, nanos);
    return new RequestSpeed(firstByteNanos, mean, firstByteSamples, requestSamples + 1);
  }

  private static double next(double mean, long sample) {
    double capped = mean > 0 ? Math.min(sample, SAMPLE_CAP * mean) : sample;
    return mean + WEIGHT * (capped - mean);
  }
}
