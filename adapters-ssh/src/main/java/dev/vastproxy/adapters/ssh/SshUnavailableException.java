package dev.vastproxy.adapters.ssh;

import dev.vastproxy.domain.backend.SshPath;
import java.util.Objects;

/** SSH to an instance cannot be used now; the message is a readable reason without secrets. */
final class SshUnavailableException extends Exception {
  private static final long serialVersionUID = 1L;

  private final SshPath path;

  SshUnavailableException(String reason, SshPath path) {
    super(reason);
    this.path = Objects.requireNonNull(path, "path");
  }

  /** The path in use when it failed, or NONE. */
  SshPath path() {
    return path;
  }
}
