package dev.vastproxy.adapters.http.relay;

import dev.vastproxy.application.port.in.BackendFailure;
import dev.vastproxy.application.port.in.ReportBackendFailureUseCase;
import dev.vastproxy.domain.instance.InstanceId;

/**
 * What an exchange does after one try of a backend failed, and how it reports the failure. A
 * request goes to the same engine again only when the engine cannot have seen it; it goes to
 * another engine before its answer began when retries are left (the first engine's connection is
 * closed, so it stops generating); a broken answer is cut, or continued by the exchange.
 */
enum FailureVerdict {
  /**
   * A kept connection turned out closed before any byte of the request was written: the same
   * backend, on a fresh connection. Not the backend's fault; nothing is reported.
   */
  RETRY_FRESH_CONNECTION(Report.NONE),
  /** The backend could not be reached and saw nothing: another backend; report it unreachable. */
  RETRY_ELSEWHERE_UNREACHABLE(Report.UNREACHABLE),
  /**
   * The engine failed before answering (a fresh connection before the request was written, or the
   * connection lost before the answer's headers with a retry left): another backend; count it.
   */
  RETRY_ELSEWHERE(Report.REQUEST_FAILED),
  /** The engine failed before answering, and nothing may be retried: answer 502; count it. */
  BAD_GATEWAY(Report.REQUEST_FAILED),
  /** The answer had started: cut the client's connection so it sees the break; count it. */
  CUT_CLIENT(Report.REQUEST_FAILED);

  /** How a failure is reported to the application. */
  enum Report {
    /** Not at all. */
    NONE,
    /** As a backend that cannot be reached. */
    UNREACHABLE,
    /** As one failed request. */
    REQUEST_FAILED
  }

  private final Report report;

  FailureVerdict(Report report) {
    this.report = report;
  }

  /** How this failure is reported. */
  Report report() {
    return report;
  }

  /** Tells the application of the failure, as this verdict says. */
  void reportTo(ReportBackendFailureUseCase failures, InstanceId backend, String reason) {
    switch (report) {
      case UNREACHABLE -> failures.reportFailure(backend, BackendFailure.unreachable(reason));
      case REQUEST_FAILED -> failures.reportFailure(backend, BackendFailure.requestFailed(reason));
      case NONE -> {}
    }
  }

  /** Whether the request is sent again. */
  boolean retries() {
    return this == RETRY_FRESH_CONNECTION
        || this == RETRY_ELSEWHERE_UNREACHABLE
        || this == RETRY_ELSEWHERE;
  }

  /**
   * The verdict for a failure: a pure function of its facts.
   *
   * @param retryLeft whether the request may still go to another engine before its answer began
   */
  static FailureVerdict of(AttemptFailure failure, boolean retryLeft) {
    if (failure.responseStarted()) {
      return CUT_CLIENT;
    }
    boolean unseen = !failure.requestBytesWritten() && failure.bodyReplayable();
    return switch (failure.cause()) {
      case UNREACHABLE -> unseen ? RETRY_ELSEWHERE_UNREACHABLE : BAD_GATEWAY;
      // A silent engine may still be working on it: nothing is sent anywhere again.
      case SILENCE -> BAD_GATEWAY;
      case TRANSPORT -> {
        if (unseen) {
          yield failure.reusedConnection() ? RETRY_FRESH_CONNECTION : RETRY_ELSEWHERE;
        }
        yield retryLeft && failure.bodyReplayable() ? RETRY_ELSEWHERE : BAD_GATEWAY;
      }
    };
  }
}
