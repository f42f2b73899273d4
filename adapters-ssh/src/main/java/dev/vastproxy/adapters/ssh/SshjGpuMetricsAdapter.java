package dev.vastproxy.adapters.ssh;

import dev.vastproxy.application.port.out.GpuProbe;
import dev.vastproxy.application.port.out.ReadGpuMetricsPort;
import dev.vastproxy.domain.backend.SshPath;
import dev.vastproxy.domain.instance.Instance;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Reads an instance's GPUs by running nvidia-smi over its shared SSH session (behaviour.md §7). A
 * session found broken is rebuilt at once, within the same probe. Never throws: every failure
 * becomes a failed probe with a readable reason.
 */
public final class SshjGpuMetricsAdapter implements ReadGpuMetricsPort {
  private static final int MAX_REASON = 200;
  private static final String BROKE = "SSH session broke twice in a row";

  private final SshSessions sessions;

  /**
   * @param sessions the fleet's SSH sessions, shared with the SSH tunnels
   */
  public SshjGpuMetricsAdapter(SshSessions sessions) {
    this.sessions = Objects.requireNonNull(sessions, "sessions");
  }

  @Override
  public GpuProbe readGpus(Instance instance) {
    for (int attempt = 1; ; attempt++) {
      SshLease lease;
      try {
        lease = sessions.lease(instance, true);
      } catch (SshUnavailableException e) {
        return GpuProbe.failed(e.getMessage(), e.path());
      } catch (RuntimeException e) {
        return GpuProbe.failed("SSH failed: " + e.getClass().getSimpleName(), SshPath.NONE);
      }
      try (lease) {
        Optional<GpuProbe> probe = probe(lease);
        if (probe.isPresent()) {
          return probe.get();
        }
        if (attempt == 2) {
          return GpuProbe.failed(BROKE, lease.path());
        }
      }
    }
  }

  /** The probe's outcome, or empty when the session turned out broken (it is dropped). */
  private Optional<GpuProbe> probe(SshLease lease) {
    try {
      RemoteCommand.Output output =
          RemoteCommand.run(
              lease.client(), NvidiaSmiCsv.COMMAND, sessions.settings().commandTimeout());
      if (output.failed()) {
        return failed(
            "nvidia-smi failed (exit "
                + output.exitStatus().getAsInt()
                + "): "
                + firstLine(output.stdout().isBlank() ? output.stderr() : output.stdout()),
            lease);
      }
      return Optional.of(GpuProbe.read(NvidiaSmiCsv.parse(output.stdout()), lease.path()));
    } catch (TimeoutException e) {
      String reason = "nvidia-smi gave " + e.getMessage();
      lease.failed(reason);
      return failed(reason, lease);
    } catch (IOException e) {
      if (lease.brokenBy(e)) {
        lease.broken();
        return Optional.empty();
      }
      String reason = "nvidia-smi could not run: " + FailureReasons.describe(e, timeout(), user());
      lease.failed(reason);
      return failed(reason, lease);
    } catch (IllegalArgumentException e) {
      return failed(e.getMessage(), lease);
    } catch (IllegalStateException e) {
      // SSHJ's word for "not connected (any more)".
      lease.broken();
      return Optional.empty();
    } catch (RuntimeException e) {
      lease.broken();
      return failed("GPU probe failed: " + e.getClass().getSimpleName(), lease);
    }
  }

  private static Optional<GpuProbe> failed(String reason, SshLease lease) {
    return Optional.of(GpuProbe.failed(reason, lease.path()));
  }

  private Duration timeout() {
    return sessions.settings().commandTimeout();
  }

  private String user() {
    return sessions.settings().user();
  }

  private static String firstLine(String text) {
    String stripped = text.strip();
    int newline = stripped.indexOf('\n');
    String line = (newline < 0 ? stripped : stripped.substring(0, newline)).strip();
    if (line.isEmpty()) {
      return "no output";
    }
    return line.length() <= MAX_REASON ? line : line.substring(0, MAX_REASON) + "…";
  }
}
