package dev.vastproxy.adapters.http.front;

import java.util.Objects;

/**
 * This replica as balancers and scrapers see it: its name, and whether it is draining (stopping, so
 * {@code /readyz} answers 503 while requests are still served).
 */
public final class ReplicaState {
  private final String name;
  private volatile boolean draining;

  /** A replica that is not draining. */
  public ReplicaState(String name) {
    this.name = Objects.requireNonNull(name, "name");
  }

  /** The replica's name, as in the status API and the metrics. */
  public String name() {
    return name;
  }

  /** Whether the replica is stopping. */
  public boolean draining() {
    return draining;
  }

  /** Starts draining; there is no way back (a stopping process only ends). */
  public void beginDrain() {
    draining = true;
  }
}
