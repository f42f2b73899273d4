package dev.vastproxy.adapters.vastai;

import dev.vastproxy.openapi.model.Instance;
import java.util.Objects;
import java.util.Optional;

/**
 * Stands in a page's row list for a row that could not be read, so the rest of the page survives;
 * it describes the problem without any value from the row (values may be secrets).
 */
final class MalformedInstanceRow extends Instance {
  private final Optional<Long> rowId;
  private final String problem;

  /**
   * @param rowId the row's id, when it had a readable one
   * @param problem what was wrong, e.g. {@code field 'ports' has an unexpected type}
   */
  MalformedInstanceRow(Optional<Long> rowId, String problem) {
    this.rowId = Objects.requireNonNull(rowId, "rowId");
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  /** The row's id, when it had a readable one. */
  Optional<Long> rowId() {
    return rowId;
  }

  /** What was wrong. */
  String problem() {
    return problem;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MalformedInstanceRow row
        && row.rowId.equals(rowId)
        && row.problem.equals(problem);
  }

  @Override
  public int hashCode() {
    return Objects.hash(rowId, problem);
  }

  @Override
  public String toString() {
    return "MalformedInstanceRow[" + rowId.map(id -> "id " + id + ": ").orElse("") + problem + "]";
  }
}
