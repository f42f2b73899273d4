package dev.vastproxy.adapters.vastai;

import dev.vastproxy.application.port.out.MarkStoppedPort;
import dev.vastproxy.application.port.out.VastApiException;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.instance.StopMark;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps the proxy's stop mark in an instance's vast.ai label ({@link StopMarkLabel}), through the
 * label adapter, so that mark and label calls share one rate limit.
 */
public final class VastAiStopMarkAdapter implements MarkStoppedPort {
  private final VastAiLabelAdapter labels;

  /** Marks through the given label adapter. */
  public VastAiStopMarkAdapter(VastAiLabelAdapter labels) {
    this.labels = Objects.requireNonNull(labels, "labels");
  }

  @Override
  public void markStopped(InstanceId id, Optional<String> label, Optional<StopMark> mark)
      throws VastApiException {
    labels.setLabel(id, StopMarkLabel.write(label, mark));
  }
}
