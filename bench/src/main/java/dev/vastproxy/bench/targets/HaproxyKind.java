package dev.vastproxy.bench.targets;

import java.nio.file.Path;
import java.util.Optional;

/**
 * HAProxy, started by the harness in the foreground with its own configuration in a scratch
 * directory (never the system service).
 *
 * @param program the haproxy binary, if installed
 * @param workers nbthread
 * @param connections maxconn
 */
public record HaproxyKind(Optional<Path> program, int workers, int connections)
    implements PeerProgramKind {
  @Override
  public PeerProgram peer() {
    return PeerProgram.HAPROXY;
  }
}
