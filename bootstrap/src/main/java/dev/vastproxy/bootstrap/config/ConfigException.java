package dev.vastproxy.bootstrap.config;

/** A setting is missing or wrong; the message names it and the fix, on one line. */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
