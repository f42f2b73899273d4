package dev.vastproxy.adapters.http.admin;

import dev.vastproxy.application.port.in.InstanceGuard;
import dev.vastproxy.domain.instance.Instance;
import java.time.Instant;
import java.util.Objects;

/**
 * An instance the account lists that the proxy does not enrol (not selected, not running, stopped
 * by the proxy), in the status JSON; no secrets.
 *
 * @param id the vast.ai instance id
 * @param actualStatus vast.ai's {@code actual_status}
 * @param intendedStatus vast.ai's {@code intended_status}
 * @param label the vast.ai label, or null
 * @param image the Docker image, or null
 * @param gpuName the GPU model
 * @param gpuCount how many GPUs
 * @param dollarsPerHour its cost per hour
 * @param guard why it is not routed, its alerts
 */
public record OtherInstanceStatus(
    long id,
    String actualStatus,
    String intendedStatus,
    String label,
    String image,
    String gpuName,
    int gpuCount,
    double dollarsPerHour,
    GuardStatus guard) {

  public OtherInstanceStatus {
    Objects.requireNonNull(actualStatus, "actualStatus");
    Objects.requireNonNull(guard, "guard");
  }

  /** The status of a guard entry for a listed instance that is not enrolled. */
  public static OtherInstanceStatus of(InstanceGuard guard, Instant now) {
    Instance instance = guard.instance();
    return new OtherInstanceStatus(
        instance.id().value(),
        instance.actualStatus(),
        instance.rental().intendedStatus(),
        instance.label().orElse(null),
        instance.rental().image().isEmpty() ? null : instance.rental().image(),
        instance.gpuName(),
        instance.gpuCount(),
        instance.dollarsPerHour(),
        GuardStatus.of(guard, now));
  }
}
