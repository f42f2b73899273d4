package dev.vastproxy.adapters.ssh;

import dev.vastproxy.domain.backend.GpuReading;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Reads the output of {@code nvidia-smi
 * --query-gpu=index,utilization.gpu,temperature.gpu,memory.used,memory.total
 * --format=csv,noheader,nounits}: one line per GPU, five fields separated by commas. {@code [N/A]}
 * and {@code [Not Supported]} are unknown values, not failures.
 */
public final class NvidiaSmiCsv {
  /** The command whose output this reads. */
  public static final String COMMAND =
      "nvidia-smi --query-gpu=index,utilization.gpu,temperature.gpu,memory.used,memory.total"
          + " --format=csv,noheader,nounits";

  private static final int FIELDS = 5;

  private NvidiaSmiCsv() {}

  /**
   * The readings, ordered by GPU index.
   *
   * @throws IllegalArgumentException with a readable reason when the output is empty or not the
   *     expected CSV (for instance the driver's failure message)
   */
  public static List<GpuReading> parse(String output) {
    List<GpuReading> readings = new ArrayList<>();
    for (String rawLine : output.split("\\R")) {
      String line = rawLine.strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] fields = line.split(",", -1);
      if (fields.length != FIELDS) {
        throw new IllegalArgumentException("unexpected nvidia-smi output: " + firstWords(line));
      }
      try {
        readings.add(
            new GpuReading(
                Integer.parseInt(fields[0].strip()),
                decimal(fields[1]),
                decimal(fields[2]),
                whole(fields[3]),
                whole(fields[4])));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unexpected nvidia-smi output: " + firstWords(line), e);
      }
    }
    if (readings.isEmpty()) {
      throw new IllegalArgumentException("nvidia-smi printed nothing");
    }
    readings.sort(Comparator.comparingInt(GpuReading::index));
    return List.copyOf(readings);
  }

  private static boolean unknown(String field) {
    String value = field.strip();
    return value.isEmpty() || (value.startsWith("[") && value.endsWith("]"));
  }

  private static OptionalDouble decimal(String field) {
    return unknown(field) ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(field));
  }

  private static OptionalLong whole(String field) {
    return unknown(field)
        ? OptionalLong.empty()
        : OptionalLong.of(Math.round(Double.parseDouble(field)));
  }

  private static String firstWords(String line) {
    return line.length() <= 80 ? line : line.substring(0, 80) + "…";
  }
}
