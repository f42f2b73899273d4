package dev.vastproxy.bench.targets;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What tells nginx and HAProxy apart: name, Debian package, configuration file, command line. */
enum PeerProgram {
  NGINX("nginx", "nginx", "nginx.conf") {
    @Override
    String config(
        Path home, int port, List<InetSocketAddress> engines, int workers, int connections) {
      return NginxConfig.render(home, port, engines, workers, connections);
    }

    @Override
    List<String> arguments(Path home, Path config) {
      return List.of(
          "-p",
          home.toString(),
          "-e",
          home.resolve("error.log").toString(),
          "-c",
          config.toString());
    }
  },
  HAPROXY("haproxy", "HAProxy", "haproxy.cfg") {
    @Override
    String config(
        Path home, int port, List<InetSocketAddress> engines, int workers, int connections) {
      return HaproxyConfig.render(port, engines, workers, connections);
    }

    /** In the foreground ({@code -db}), so that the harness owns the process. */
    @Override
    List<String> arguments(Path home, Path config) {
      return List.of("-db", "-f", config.toString());
    }
  };

  /** The target's name, the Debian package and the scratch directory's name. */
  final String id;

  /** How messages spell it. */
  final String product;

  /** The configuration's file name in the scratch directory. */
  final String configFile;

  PeerProgram(String id, String product, String configFile) {
    this.id = id;
    this.product = product;
    this.configFile = configFile;
  }

  /** The configuration of one listening on {@code port} in front of the engines. */
  abstract String config(
      Path home, int port, List<InetSocketAddress> engines, int workers, int connections);

  /** The command line after the program, with the configuration at {@code config}. */
  abstract List<String> arguments(Path home, Path config);

  /** Why it cannot run when the program is not installed. */
  Optional<String> missing(Optional<Path> program) {
    return program.isPresent()
        ? Optional.empty()
        : Optional.of(product + " is not installed (Debian: apt-get install -y " + id + ")");
  }
}
