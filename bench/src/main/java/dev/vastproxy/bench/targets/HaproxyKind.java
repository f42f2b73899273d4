package dev.vastproxy.bench.targets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HAProxy, started by the harness in the foreground with its own configuration in a scratch
 * directory (never the system service).
 *
 * @param program the haproxy binary, if installed
 * @param threads nbthread
 * @param maxConnections maxconn
 */
public record HaproxyKind(Optional<Path> program, int threads, int maxConnections)
    implements TargetKind {
  @Override
  public String name() {
    return "haproxy";
  }

  @Override
  public Optional<String> missing() {
    return program.isPresent()
        ? Optional.empty()
        : Optional.of("HAProxy is not installed (Debian: apt-get install -y haproxy)");
  }

  @Override
  public Target start(MockFleet fleet, Path dir) throws IOException {
    int port = ProcessTarget.freePort();
    Path home = Files.createDirectories(dir.resolve("haproxy"));
    Path config = home.resolve("haproxy.cfg");
    Files.writeString(config, HaproxyConfig.render(port, fleet.engines(), threads, maxConnections));
    return ProcessTarget.launch(
        name(),
        List.of(program.orElseThrow().toString(), "-db", "-f", config.toString()),
        home,
        Map.of(),
        port);
  }
}
