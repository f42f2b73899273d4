package dev.vastproxy.bench.targets;

import java.nio.file.Path;
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
    implements PeerProgramKind {
  @Override
  public PeerProgram peer() {
    return PeerProgram.NGINX;
  }
}
