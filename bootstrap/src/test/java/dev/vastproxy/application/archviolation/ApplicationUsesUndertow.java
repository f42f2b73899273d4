package dev.vastproxy.application.archviolation;

import io.undertow.Undertow;

/** Breaks "the application depends on the domain alone": an application class using Undertow. */
public final class ApplicationUsesUndertow {
  /** Builds a server in the application, which it must not. */
  public static Object server() {
    return Undertow.builder();
  }
}
