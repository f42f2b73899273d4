package dev.vastproxy.application.port.out;

import dev.vastproxy.domain.backend.ModelCard;
import dev.vastproxy.domain.backend.StateReason;
import java.util.List;
import java.util.Objects;

/** What one health check of a backend found. */
public sealed interface ProbeResult
    permits ProbeResult.Healthy,
        ProbeResult.Loading,
        ProbeResult.Failed,
        ProbeResult.RedirectedToHttps {

  /**
   * {@code GET /v1/models} answered 200 with a model list.
   *
   * @param models the listed models, in order, each as the engine described it
   */
  record Healthy(List<ModelCard> models) implements ProbeResult {
    public Healthy {
      models = List.copyOf(models);
    }
  }

  /**
   * The instance portal answered but the engine is still loading (Caddy's placeholder).
   *
   * @param reason what was seen
   */
  record Loading(String reason) implements ProbeResult {
    public Loading {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Anything else: refused, timed out, an error status, not a model list.
   *
   * @param reason what went wrong, classified, without secrets
   */
  record Failed(StateReason reason) implements ProbeResult {
    public Failed {
      Objects.requireNonNull(reason, "reason");
    }

    /** A failure of no more specific kind. */
    public Failed(String detail) {
      this(StateReason.of(StateReason.Cause.PROBE_ERROR, detail));
    }
  }

  /** The instance answered plain HTTP with a redirect to https. */
  record RedirectedToHttps() implements ProbeResult {}
}
