package dev.vastproxy.adapters.tui;

import dev.vastproxy.application.port.in.InstanceResult;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * Says in one line how a fleet action went: {@code aborted on 2 of 2 backends}, or {@code destroyed
 * 1 of 2 instances; #31814215: HTTP 500} with every failure named.
 */
public final class ActionReport {
  private ActionReport() {}

  /** The line for abort-all's results. */
  public static String aborted(List<InstanceResult> results) {
    if (results.isEmpty()) {
      return "abort all: no healthy SGLang backend to ask";
    }
    return "aborted on "
        + succeeded(results)
        + " of "
        + count(results, "backend")
        + failures(results);
  }

  /** The line for destroy-all's results. */
  public static String destroyed(List<InstanceResult> results) {
    if (results.isEmpty()) {
      return "destroy all: no instance to destroy";
    }
    return "destroyed "
        + succeeded(results)
        + " of "
        + count(results, "instance")
        + failures(results);
  }

  /** The line for an action that failed as a whole. */
  public static String failed(String action, Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    String message =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return action + " failed: " + message;
  }

  /** Whether any instance failed. */
  public static boolean anyFailed(List<InstanceResult> results) {
    return results.stream().anyMatch(result -> !result.outcome().success());
  }

  private static long succeeded(List<InstanceResult> results) {
    return results.stream().filter(result -> result.outcome().success()).count();
  }

  private static String count(List<InstanceResult> results, String noun) {
    return results.size() + " " + noun + (results.size() == 1 ? "" : "s");
  }

  private static String failures(List<InstanceResult> results) {
    String failed =
        results.stream()
            .filter(result -> !result.outcome().success())
            .map(result -> "#" + result.id() + ": " + result.outcome().message())
            .collect(Collectors.joining("; "));
    return failed.isEmpty() ? "" : "; " + failed;
  }
}
