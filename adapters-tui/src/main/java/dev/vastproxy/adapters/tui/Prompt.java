package dev.vastproxy.adapters.tui;

/** The question the footer asks, if any. */
public enum Prompt {
  /** No question: the footer lists the keys. */
  NONE,
  /** "Abort all requests on the SGLang backends? (y/n)". */
  ABORT_ALL,
  /** "Destroy all instances? This is irreversible. (y/n)". */
  DESTROY_ALL
}
