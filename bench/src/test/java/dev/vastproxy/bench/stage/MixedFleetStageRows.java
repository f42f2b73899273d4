package dev.vastproxy.bench.stage;

import dev.vastproxy.bench.client.OpenLoopStreams;
import java.util.List;

/** The mixed stage's row for hand-run experiments outside its package (see {@code MixedLab}). */
public final class MixedFleetStageRows {
  private MixedFleetStageRows() {}

  /** The figures of one setup's outcomes. */
  public static MixedFleetStage.Row row(String setup, List<OpenLoopStreams.Outcome> outcomes) {
    return MixedFleetStage.row(setup, outcomes);
  }
}
