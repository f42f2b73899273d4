package dev.vastproxy.adapters.http.admin;

import dev.vastproxy.domain.backend.GpuReading;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One GPU in the status JSON; a value nvidia-smi did not know is {@code null}.
 *
 * @param index the GPU's index on its machine
 * @param utilization busy time in percent
 * @param temperature core temperature in °C
 * @param memoryUsedMib memory in use, MiB
 * @param memoryTotalMib memory installed, MiB
 */
public record GpuStatus(
    int index, Double utilization, Double temperature, Long memoryUsedMib, Long memoryTotalMib) {

  public GpuStatus {
    if (index < 0) {
      throw new IllegalArgumentException("GPU index must not be negative, got " + index);
    }
  }

  /** The status of one reading. */
  public static GpuStatus of(GpuReading reading) {
    return new GpuStatus(
        reading.index(),
        orNull(reading.utilization()),
        orNull(reading.temperature()),
        orNull(reading.memoryUsedMib()),
        orNull(reading.memoryTotalMib()));
  }

  static Double orNull(OptionalDouble value) {
    return value.isPresent() ? value.getAsDouble() : null;
  }

  private static Long orNull(OptionalLong value) {
    return value.isPresent() ? value.getAsLong() : null;
  }
}
