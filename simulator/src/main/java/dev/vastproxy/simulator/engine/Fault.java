package dev.vastproxy.simulator.engine;

/** Misbehaviour a fake engine can be told to show. */
public enum Fault {
  /** Answers normally. */
  NONE,
  /** Stops listening: connections are refused. */
  REFUSE_CONNECTIONS,
  /** Answers every request with HTTP 500. */
  HTTP_500,
  /** Accepts requests and never answers. */
  HANG,
  /** Streams a few tokens, then drops the connection without ending the response. */
  DROP_MID_STREAM,
  /**
   * Answers like vast.ai's instance portal while the engine loads: 502 with X-Portal-Placeholder.
   */
  LOADING_PLACEHOLDER,
  /** Answers plain HTTP with a redirect to https, like an instance portal with TLS on. */
  REDIRECT_TO_HTTPS
}
