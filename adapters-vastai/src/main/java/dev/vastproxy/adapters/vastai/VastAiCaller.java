package dev.vastproxy.adapters.vastai;

import dev.vastproxy.application.port.out.VastApiException;
import dev.vastproxy.application.port.out.VastApiException.Kind;
import dev.vastproxy.openapi.ApiException;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs one kind of vast.ai call: waits for its turn when the endpoint is rate-limited, retries 429,
 * 5xx, timeouts and connection failures with exponential backoff and jitter, and turns failures
 * into {@link VastApiException}s.
 */
final class VastAiCaller {
  private static final Logger LOG = System.getLogger(VastAiCaller.class.getName());
  private static final double BACKOFF_MULTIPLIER = 2.0;
  private static final double JITTER = 0.5;

  /** One HTTP exchange through the generated client. */
  @FunctionalInterface
  interface ApiCall<T> {
    T call() throws ApiException, VastApiException;
  }

  private final String operation;
  private final VastApiErrors errors;
  private final Retry retry;
  private final Optional<RateLimiter> rateLimiter;

  /**
   * @param operation what the call does, for log lines, e.g. {@code list instances}
   * @param minInterval the least time between two attempts, for endpoints vast.ai rate-limits
   */
  VastAiCaller(
      String operation, VastApiErrors errors, VastAiTuning tuning, Optional<Duration> minInterval) {
    this.operation = Objects.requireNonNull(operation, "operation");
    this.errors = Objects.requireNonNull(errors, "errors");
    RetryConfig retryConfig =
        RetryConfig.custom()
            .maxAttempts(tuning.retries() + 1)
            .intervalFunction(
                IntervalFunction.ofExponentialRandomBackoff(
                    tuning.firstBackoff(), BACKOFF_MULTIPLIER, JITTER, tuning.maxBackoff()))
            .retryOnException(VastAiCaller::isTransient)
            .build();
    this.retry = Retry.of("vast.ai " + operation, retryConfig);
    retry
        .getEventPublisher()
        .onRetry(
            event ->
                LOG.log(
                    Level.DEBUG,
                    "vast.ai {0}: {1}; attempt {2} of {3} in {4} ms",
                    operation,
                    event.getLastThrowable().getMessage(),
                    event.getNumberOfRetryAttempts() + 1,
                    tuning.retries() + 1,
                    event.getWaitInterval().toMillis()));
    this.rateLimiter =
        minInterval.map(
            interval ->
                RateLimiter.of(
                    "vast.ai " + operation,
                    RateLimiterConfig.custom()
                        .limitForPeriod(1)
                        .limitRefreshPeriod(interval)
                        .timeoutDuration(tuning.rateLimitWait())
                        .build()));
  }

  /** Makes the call, retrying transient failures. */
  <T> T call(ApiCall<T> call) throws VastApiException {
    try {
      return retry.executeCheckedSupplier(() -> attempt(call));
    } catch (VastApiException e) {
      throw e;
    } catch (InterruptedException e) {
      // Interrupted while waiting between attempts.
      Thread.currentThread().interrupt();
      throw new VastApiException(Kind.UNAVAILABLE, "interrupted");
    } catch (Throwable unexpected) {
      // Only VastApiException leaves attempt(); anything else is a bug in the generated client.
      throw new VastApiException(
          Kind.MALFORMED,
          "vast.ai " + operation + " failed: " + unexpected.getClass().getSimpleName());
    }
  }

  private <T> T attempt(ApiCall<T> call) throws VastApiException {
    if (rateLimiter.isPresent()) {
      try {
        RateLimiter.waitForPermission(rateLimiter.get());
      } catch (RequestNotPermitted e) {
        throw new VastApiException(
            Kind.RATE_LIMITED, "too many " + operation + " calls waiting for their turn", e);
      }
    }
    try {
      return call.call();
    } catch (ApiException e) {
      throw errors.translate(e);
    }
  }

  private static boolean isTransient(Throwable failure) {
    // Not retried: an interrupted thread, and a call that already waited long for its turn.
    if (Thread.currentThread().isInterrupted()
        || failure.getCause() instanceof RequestNotPermitted) {
      return false;
    }
    return failure instanceof VastApiException e
        && (e.kind() == Kind.RATE_LIMITED || e.kind() == Kind.UNAVAILABLE);
  }

  @Override
  public String toString() {
    return "VastAiCaller[" + operation + "]";
  }
}
