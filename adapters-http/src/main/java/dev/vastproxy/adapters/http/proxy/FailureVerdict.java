package dev.vastproxy.adapters.http.proxy;

/**
 * What an exchange does after one try of a backend failed, and how it reports the failure. A
 * request goes out again only when the engine cannot have seen it.
 */
enum FailureVerdict {
  /**
   * A kept connection turned out closed before any byte of the request was written: the same
   * backend, on a fresh connection. Not the backend's fault; nothing is reported.
   */
  RETRY_FRESH_CONNECTION(Report.NONE),
  /** The backend could not be reached and saw nothing: another backend; report it unreachable. */
  RETRY_ELSEWHERE_UNREACHABLE(Report.UNREACHABLE),
  /** A fresh connection failed before the request was written: another backend; count it. */
  RETRY_ELSEWHERE(Report.REQUEST_FAILED),
  /** The engine may have the request, and the client has nothing yet: answer 502; count it. */
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

  /** Whether the request is sent again. */
  boolean retries() {
    return this == RETRY_FRESH_CONNECTION
        || this == RETRY_ELSEWHERE_UNREACHABLE
        || this == RETRY_ELSEWHERE;
  }

  /** The verdict for a failure: a pure function of its facts. */
  static FailureVerdict of(AttemptFailure failure) {
    if (failure.responseStarted()) {
      return CUT_CLIENT;
    }
    boolean unseen = !failure.requestBytesWritten() && failure.bodyReplayable();
    return switch (failure.cause()) {
      case UNREACHABLE -> unseen ? RETRY_ELSEWHERE_UNREACHABLE : BAD_GATEWAY;
      case SILENCE -> BAD_GATEWAY;
      case TRANSPORT -> {
        if (!unseen) {
          yield BAD_GATEWAY;
        }
        yield failure.reusedConnection() ? RETRY_FRESH_CONNECTION : RETRY_ELSEWHERE;
      }
    };
  }
}
