package dev.vastproxy.domain.endpoint;

/** How the proxy reaches an instance's inference server. */
public enum Transport {
  /** Plain HTTP(S) to the host port that the container port is published on. */
  DIRECT("direct"),
  /** A local port forwarded over SSH to the container port on the instance. */
  SSH_TUNNEL("ssh-tunnel");

  private final String text;

  Transport(String text) {
    this.text = text;
  }

  /** The setting's text, e.g. {@code ssh-tunnel}. */
  public String text() {
    return text;
  }
}
