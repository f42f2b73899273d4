package dev.vastproxy.bench.targets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A peer proxy the harness starts from its installed program and a scratch configuration. */
interface PeerProgramKind extends TargetKind {
  /** Which program it is. */
  PeerProgram peer();

  /** The binary, if installed. */
  Optional<Path> program();

  /** Worker processes or threads. */
  int workers();

  /** The connection limit (client plus upstream sockets where the program counts both). */
  int connections();

  @Override
  default String name() {
    return peer().id;
  }

  @Override
  default Optional<String> missing() {
    return peer().missing(program());
  }

  @Override
  default Target start(MockFleet fleet, Path dir) throws IOException {
    int port = ProcessTarget.freePort();
    Path home = Files.createDirectories(dir.resolve(name()));
    Path config = home.resolve(peer().configFile);
    Files.writeString(config, peer().config(home, port, fleet.engines(), workers(), connections()));
    List<String> command = new ArrayList<>();
    command.add(program().orElseThrow().toString());
    command.addAll(peer().arguments(home, config));
    return ProcessTarget.launch(name(), command, home, Map.of(), port);
  }
}
