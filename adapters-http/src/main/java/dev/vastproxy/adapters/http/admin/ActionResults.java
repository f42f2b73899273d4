package dev.vastproxy.adapters.http.admin;

import dev.vastproxy.application.port.in.InstanceResult;
import java.util.List;
import java.util.Objects;

/**
 * The body answering a fleet action: {@code {"results":[{"id":…,"success":…,"message":…}]}}.
 *
 * @param results one per instance acted on
 */
public record ActionResults(List<Result> results) {

  public ActionResults {
    results = List.copyOf(results);
  }

  /** The body for the use case's results. */
  public static ActionResults of(List<InstanceResult> results) {
    return new ActionResults(
        results.stream()
            .map(
                result ->
                    new Result(
                        result.id().value(),
                        result.outcome().success(),
                        result.outcome().message()))
            .toList());
  }

  /**
   * How the action went on one instance.
   *
   * @param id the vast.ai instance id
   * @param success whether it did what was asked
   * @param message what happened
   */
  public record Result(long id, boolean success, String message) {
    public Result {
      Objects.requireNonNull(message, "message");
    }
  }
}
