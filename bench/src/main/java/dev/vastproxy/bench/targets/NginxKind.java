package dev.vastproxy.bench.targets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * nginx, started by the harness with its own configuration in a scratch directory (never the system
 * service).
 *
 * @param program the nginx binary, if installed
 * @param workers worker processes
 * @param connections worker_connections (client plus upstream sockets)
 */
public record NginxKind(Optional<Path> program, int workers, int connections)
    implements TargetKind {
  @Override
  public String name() {
    return "nginx";
  }

  @Override
  public Optional<String> missing() {
    return program.isPresent()
        ? Optional.empty()
        : Optional.of("nginx is not installed (Debian: apt-get install -y nginx)");
  }

  @Override
  public Target start(MockFleet fleet, Path dir) throws IOException {
    int port = ProcessTarget.freePort();
    Path home = Files.createDirectories(dir.resolve("nginx"));
    Path config = home.resolve("nginx.conf");
    Files.writeString(
        config, NginxConfig.render(home, port, fleet.engines(), workers, connections));
    return ProcessTarget.launch(
        name(),
        List.of(
            program.orElseThrow().toString(),
            "-p",
            home.toString(),
            "-e",
            home.resolve("error.log").toString(),
            "-c",
            config.toString()),
        home,
        Map.of(),
        port);
  }
}
