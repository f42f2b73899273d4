package dev.vastproxy.application.service;

import dev.vastproxy.application.port.out.SkippedRow;
import java.lang.System.Logger.Level;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Logs the malformed rows of each listing, each row once: again only when its problem changes, or
 * when it breaks again after a listing in which it was fine. Polls repeat every few seconds, and
 * the same warning on each one buries everything else in the log.
 */
final class SkippedRowLog {
  private static final System.Logger LOG = System.getLogger(SkippedRowLog.class.getName());

  /**
   * The rows (identity and problem) skipped in the last listing; only the polling thread uses it.
   */
  private Set<List<String>> lastListing = Set.of();

  /** Logs the rows of one complete listing that were not skipped the same way in the last one. */
  void report(List<SkippedRow> rows) {
    Set<List<String>> now = new HashSet<>();
    for (SkippedRow row : rows) {
      List<String> key = List.of(row.identity(), row.problem());
      if (now.add(key) && !lastListing.contains(key)) {
        LOG.log(
            Level.WARNING, "skipped a malformed instance row from vast.ai: {0}", row.describe());
      }
    }
    lastListing = now;
  }
}
