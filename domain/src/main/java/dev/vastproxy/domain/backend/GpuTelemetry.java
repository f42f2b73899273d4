package dev.vastproxy.domain.backend;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the last GPU probe of a backend found.
 *
 * @param readings one reading per GPU, by index; empty when none succeeded yet
 * @param readAt when the readings were taken
 * @param path how SSH reached the instance
 * @param problem why the last probe failed, if it did
 */
public record GpuTelemetry(
    List<GpuReading> readings, Optional<Instant> readAt, SshPath path, Optional<String> problem) {

  private static final GpuTelemetry NONE =
      new GpuTelemetry(List.of(), Optional.empty(), SshPath.NONE, Optional.empty());

  public GpuTelemetry {
    readings = List.copyOf(readings);
    Objects.requireNonNull(readAt, "readAt");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(problem, "problem");
  }

  /** Nothing probed yet. */
  public static GpuTelemetry none() {
    return NONE;
  }

  /** A successful probe. */
  public static GpuTelemetry read(List<GpuReading> readings, Instant at, SshPath path) {
    return new GpuTelemetry(readings, Optional.of(at), path, Optional.empty());
  }

  /** A failed probe: earlier readings are kept, marked by the problem. */
  public GpuTelemetry failed(String reason, SshPath currentPath) {
    return new GpuTelemetry(readings, readAt, currentPath, Optional.of(reason));
  }
}
