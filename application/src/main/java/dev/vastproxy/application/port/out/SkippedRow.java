package dev.vastproxy.application.port.out;

import dev.vastproxy.domain.instance.InstanceId;
import java.util.Objects;
import java.util.Optional;

/**
 * One instance row of a listing that could not be read.
 *
 * @param position where the row was, e.g. {@code page 1, row 5}
 * @param id the row's instance id, when it had a readable one
 * @param problem what was wrong, e.g. {@code field 'ports' has an unexpected type} (never a value
 *     from the row: values may be secrets)
 */
public record SkippedRow(String position, Optional<InstanceId> id, String problem) {
  public SkippedRow {
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(problem, "problem");
    if (position.isBlank() || problem.isBlank()) {
      throw new IllegalArgumentException("a skipped row needs a position and a problem");
    }
  }

  /**
   * What makes this the same row in the next listing: its id, else its position (a row without an
   * id has nothing better, and moves when rows before it come or go).
   */
  public String identity() {
    return id.map(instance -> "id " + instance).orElse(position);
  }

  /** The row for a log line, e.g. {@code page 1, row 5 (id 3): field 'ports' has ...}. */
  public String describe() {
    return position + id.map(instance -> " (id " + instance + ")").orElse("") + ": " + problem;
  }
}
