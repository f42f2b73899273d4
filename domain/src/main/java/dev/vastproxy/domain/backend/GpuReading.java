package dev.vastproxy.domain.backend;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One GPU's figures from one probe; each may be unknown (nvidia-smi's {@code [N/A]}).
 *
 * @param index the GPU's index on its machine
 * @param utilization busy time in percent, 0 to 100
 * @param temperature core temperature in °C
 * @param memoryUsedMib memory in use, MiB
 * @param memoryTotalMib memory installed, MiB
 */
public record GpuReading(
    int index,
    OptionalDouble utilization,
    OptionalDouble temperature,
    OptionalLong memoryUsedMib,
    OptionalLong memoryTotalMib) {

  public GpuReading {
    Objects.requireNonNull(utilization, "utilization");
    Objects.requireNonNull(temperature, "temperature");
    Objects.requireNonNull(memoryUsedMib, "memoryUsedMib");
    Objects.requireNonNull(memoryTotalMib, "memoryTotalMib");
    if (index < 0) {
      throw new IllegalArgumentException("GPU index must not be negative, got " + index);
    }
    utilization.ifPresent(
        value -> {
          if (!(value >= 0 && value <= 100)) {
            throw new IllegalArgumentException("utilization must be 0-100 %, got " + value);
          }
        });
    temperature.ifPresent(
        value -> {
          if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("temperature must be a number");
          }
        });
    memoryUsedMib.ifPresent(value -> requireNotNegative(value, "memoryUsedMib"));
    memoryTotalMib.ifPresent(value -> requireNotNegative(value, "memoryTotalMib"));
  }

  private static void requireNotNegative(long value, String what) {
    if (value < 0) {
      throw new IllegalArgumentException(what + " must not be negative, got " + value);
    }
  }
}
