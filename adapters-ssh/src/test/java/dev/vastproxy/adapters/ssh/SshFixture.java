package dev.vastproxy.adapters.ssh;

import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.domain.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** Instances pointing at loopback SSH servers, and short test settings. */
final class SshFixture {
  static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  /** Default settings with timeouts short enough for tests. */
  static final SshSettings FAST =
      SshSettings.defaults().withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(700));

  private SshFixture() {}

  /** An instance reached directly on one port and through the proxy on another (0: none). */
  static Instance instance(long id, int directPort, int proxyPort) {
    Instance.Builder builder =
        Instance.builder(id)
            .running()
            .address("127.0.0.1")
            .portMapping(8000, 40000)
            .token("token-" + id);
    if (directPort > 0) {
      builder.portMapping(22, directPort);
    }
    if (proxyPort > 0) {
      builder.sshHost("127.0.0.1").sshPort(proxyPort);
    }
    return builder.build();
  }

  /** Sessions with the usable test key, a host key file in the folder and the given clock. */
  static SshSessions sessions(Path folder, MutableClock clock) {
    return sessions(folder, clock, FAST);
  }

  static SshSessions sessions(Path folder, MutableClock clock, SshSettings settings) {
    return new SshSessions(
        TestKeys.usable(),
        new TrustOnFirstUseHostKeys(folder.resolve("known_hosts")),
        settings,
        clock);
  }
}
