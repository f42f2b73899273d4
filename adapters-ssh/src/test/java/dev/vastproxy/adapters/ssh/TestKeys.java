package dev.vastproxy.adapters.ssh;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;

/** The throw-away private keys under {@code src/test/resources/keys} (made for tests only). */
final class TestKeys {
  private TestKeys() {}

  /** A key file's path, e.g. {@code path("ed25519-openssh")}. */
  static Path path(String name) {
    URL url = TestKeys.class.getResource("/keys/" + name);
    if (url == null) {
      throw new IllegalArgumentException("no test key " + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The keys of a working client: one Ed25519 key in OpenSSH format. */
  static SshKeys usable() {
    return SshKeys.load(List.of(path("ed25519-openssh")));
  }
}
