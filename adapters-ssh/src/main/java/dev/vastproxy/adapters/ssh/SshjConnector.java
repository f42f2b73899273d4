package dev.vastproxy.adapters.ssh;

import dev.vastproxy.domain.instance.InstanceId;
import java.io.IOException;
import net.schmizz.sshj.Config;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;

/**
 * Opens one logged-in SSHJ client to one address of an instance: TCP connect, host key check (trust
 * on first use), public key login. Every step is bounded by the connect timeout.
 */
final class SshjConnector {
  private final Config config = new DefaultConfig();
  private final SshKeys keys;
  private final TrustOnFirstUseHostKeys hostKeys;
  private final SshSettings settings;

  SshjConnector(SshKeys keys, TrustOnFirstUseHostKeys hostKeys, SshSettings settings) {
    this.keys = keys;
    this.hostKeys = hostKeys;
    this.settings = settings;
  }

  /**
   * A connected, logged-in client.
   *
   * @throws SshUnavailableException naming the address and why it failed
   */
  SSHClient connect(InstanceId id, SshAddress address) throws SshUnavailableException {
    SSHClient client = new SSHClient(config);
    int timeout = settings.connectTimeoutMillis();
    client.setConnectTimeout(timeout);
    // Bounds the wait for the server's first words; SSHJ's reader ignores the timeout afterwards.
    client.setTimeout(timeout);
    client.getTransport().setTimeoutMs(timeout);
    client.getConnection().setTimeoutMs(timeout);
    TrustOnFirstUseHostKeys.Verifier verifier = hostKeys.verifierFor(id);
    client.addHostKeyVerifier(verifier);
    try {
      client.connect(address.host(), address.port());
      client.authPublickey(settings.user(), keys.providers());
      return client;
    } catch (IOException | RuntimeException e) {
      quietlyClose(client);
      String reason =
          verifier.refused()
              ? TrustOnFirstUseHostKeys.changedMessage(id)
              : FailureReasons.describe(e, settings.connectTimeout(), settings.user());
      throw new SshUnavailableException(address + ": " + reason, address.path());
    }
  }

  /** Disconnects, ignoring failures: the session is being thrown away. */
  static void quietlyClose(SSHClient client) {
    try {
      client.disconnect();
    } catch (IOException | RuntimeException ignored) {
      // Nothing to do: the socket is closed either way.
    }
  }
}
