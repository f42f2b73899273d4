package dev.vastproxy.bench.stage;

import dev.vastproxy.bench.proc.ProcessTree;
import dev.vastproxy.bench.targets.Target;
import dev.vastproxy.bench.tool.Hey;
import dev.vastproxy.bench.tool.HeyResult;
import dev.vastproxy.bench.tool.JsonLoad;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * POSTs paced at a fixed rate below every target's saturation (hey -q): the latency a proxy adds
 * when it is not the bottleneck. A target whose name ends in {@link #UNPEEKED} is loaded without a
 * JSON Content-Type, so vastproxy does not read the body for its model.
 */
public final class FixedLoadStage extends SampledLoadStage<HeyResult> {
  /** The suffix of the variant sent without a JSON Content-Type. */
  public static final String UNPEEKED = " (not peeked)";

  /**
   * @param rate requests per second in all
   */
  public FixedLoadStage(
      Hey hey, JsonLoad load, int rate, ProcessTree proc, Path dir, Consumer<String> log)
      throws IOException {
    super((sent, scratch) -> hey.run(sent, rate, scratch), load, proc, dir, log);
  }

  @Override
  JsonLoad aimedAt(Target target) {
    JsonLoad sent = super.aimedAt(target);
    return target.name().endsWith(UNPEEKED) ? sent.withContentType("text/plain") : sent;
  }
}
