package dev.vastproxy.domain.endpoint;

/** How an instance's HTTP server is spoken to. */
public enum Scheme {
  HTTP("http"),
  HTTPS("https");

  private final String text;

  Scheme(String text) {
    this.text = text;
  }

  /** The URI scheme, e.g. {@code http}. */
  public String text() {
    return text;
  }
}
