package dev.vastproxy.application.port.out;

import dev.vastproxy.domain.load.EngineReport;
import java.util.Objects;

/** What one read of an engine's load found. */
public sealed interface EngineLoadResult
    permits EngineLoadResult.Reported, EngineLoadResult.NoSignal {

  /**
   * The engine reported its load.
   *
   * @param report what it said
   */
  record Reported(EngineReport report) implements EngineLoadResult {
    public Reported {
      Objects.requireNonNull(report, "report");
    }
  }

  /**
   * The engine gave no usable signal (it serves no load metrics, the read failed or timed out).
   *
   * @param reason why, without secrets
   */
  record NoSignal(String reason) implements EngineLoadResult {
    public NoSignal {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
