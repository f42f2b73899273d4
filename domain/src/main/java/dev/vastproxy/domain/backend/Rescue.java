package dev.vastproxy.domain.backend;

/** What the proxy did for a request or stream whose instance failed it. */
public enum Rescue {
  /** The instance failed before its answer began; another instance was sent the request. */
  RETRIED_BEFORE_FIRST_BYTE,
  /** The instance's stream broke mid-answer; another instance continued it. */
  RESUMED,
  /** The instance's stream broke mid-answer and ended with an error event. */
  NOT_RESUMABLE,
  /** The instance was asked to continue a broken stream and failed before its answer began. */
  RESUME_FAILED
}
