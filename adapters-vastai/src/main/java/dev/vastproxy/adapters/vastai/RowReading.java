package dev.vastproxy.adapters.vastai;

import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.domain.instance.InstanceId;
import java.util.Objects;
import java.util.Optional;

/** What became of one instance row of a list page: a domain instance, or why there is none. */
sealed interface RowReading {

  /**
   * The row became an instance.
   *
   * @param instance the cleaned instance
   */
  record Accepted(Instance instance) implements RowReading {
    public Accepted {
      Objects.requireNonNull(instance, "instance");
    }
  }

  /**
   * The row could not be read; the problem names fields, never a value (values may be secrets).
   *
   * @param id the row's instance id, when it had a readable one
   * @param problem what was wrong, e.g. {@code field 'ports' has an unexpected type}
   */
  record Rejected(Optional<InstanceId> id, String problem) implements RowReading {
    public Rejected {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(problem, "problem");
      if (problem.isBlank()) {
        throw new IllegalArgumentException("a rejected row needs a problem");
      }
    }

    @Override
    public String toString() {
      return "Rejected[" + id.map(instance -> "id " + instance + ": ").orElse("") + problem + "]";
    }
  }
}
