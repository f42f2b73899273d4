package dev.vastproxy.adapters.ssh;

import dev.vastproxy.domain.backend.SshPath;
import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.domain.instance.PortNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One way to reach an instance's SSH server.
 *
 * @param path DIRECT (public address, mapped port 22) or PROXY (vast.ai's SSH proxy)
 * @param host the host to connect to
 * @param port the TCP port there
 */
record SshAddress(SshPath path, String host, int port) {
  /** The container port sshd listens on inside an instance. */
  static final int SSH_PORT = 22;

  SshAddress {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(host, "host");
    if (path == SshPath.NONE) {
      throw new IllegalArgumentException("an address needs a path");
    }
    if (host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    PortNumber.require(port, "port");
  }

  /** The direct address: the public IP and the host port that {@code 22/tcp} is published on. */
  static Optional<SshAddress> direct(Instance instance) {
    if (instance.publicIp().isEmpty() || instance.ports().hostPort(SSH_PORT).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new SshAddress(
            SshPath.DIRECT,
            instance.publicIp().get(),
            instance.ports().hostPort(SSH_PORT).getAsInt()));
  }

  /** The proxy address: {@code ssh_host:ssh_port}. */
  static Optional<SshAddress> proxy(Instance instance) {
    if (instance.sshHost().isEmpty() || instance.sshPort().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new SshAddress(SshPath.PROXY, instance.sshHost().get(), instance.sshPort().getAsInt()));
  }

  /** Every address of the instance, in the order to try them: direct first. */
  static List<SshAddress> of(Instance instance) {
    List<SshAddress> addresses = new ArrayList<>(2);
    direct(instance).ifPresent(addresses::add);
    proxy(instance).ifPresent(addresses::add);
    return List.copyOf(addresses);
  }

  @Override
  public String toString() {
    String kind = path == SshPath.DIRECT ? "direct" : "proxy";
    return kind + " " + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
