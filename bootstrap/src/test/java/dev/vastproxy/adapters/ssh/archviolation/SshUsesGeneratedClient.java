package dev.vastproxy.adapters.ssh.archviolation;

import dev.vastproxy.openapi.model.Instance;

/** Breaks "only the vast.ai adapter uses the generated client". */
public final class SshUsesGeneratedClient {
  /** Passes a generated type around outside the vast.ai adapter. */
  public static Object row() {
    return new Instance();
  }
}
