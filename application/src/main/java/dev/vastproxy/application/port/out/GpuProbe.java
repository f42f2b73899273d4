package dev.vastproxy.application.port.out;

import dev.vastproxy.domain.backend.GpuReading;
import dev.vastproxy.domain.backend.SshPath;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one GPU probe over SSH found.
 *
 * @param readings one per GPU, by index; empty when the probe failed
 * @param path how SSH reached the instance (or NONE)
 * @param problem why the probe failed, if it did, without secrets
 */
public record GpuProbe(List<GpuReading> readings, SshPath path, Optional<String> problem) {
  public GpuProbe {
    readings = List.copyOf(readings);
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(problem, "problem");
  }

  /** Readings taken over a path. */
  public static GpuProbe read(List<GpuReading> readings, SshPath path) {
    return new GpuProbe(readings, path, Optional.empty());
  }

  /** A failed probe. */
  public static GpuProbe failed(String reason, SshPath path) {
    return new GpuProbe(List.of(), path, Optional.of(reason));
  }
}
