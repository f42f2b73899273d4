package dev.vastproxy.domain.backend;

/**
 * How many times each {@link Rescue} happened.
 *
 * @param retriedBeforeFirstByte requests sent to another instance before their answer began
 * @param resumed broken streams another instance continued
 * @param notResumable broken streams that ended with an error event
 * @param resumeFailed continuations that failed before their answer began
 */
public record RescueCounts(
    long retriedBeforeFirstByte, long resumed, long notResumable, long resumeFailed) {
  /** Nothing counted. */
  public static final RescueCounts NONE = new RescueCounts(0, 0, 0, 0);

  public RescueCounts {
    if (retriedBeforeFirstByte < 0 || resumed < 0 || notResumable < 0 || resumeFailed < 0) {
      throw new IllegalArgumentException("counts cannot be negative");
    }
  }

  /** Whether nothing was counted. */
  public boolean isEmpty() {
    return equals(NONE);
  }
}
