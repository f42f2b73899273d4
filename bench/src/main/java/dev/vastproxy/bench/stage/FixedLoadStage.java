package dev.vastproxy.bench.stage;

import dev.vastproxy.bench.proc.ProcessTree;
import dev.vastproxy.bench.proc.ResourceSampler;
import dev.vastproxy.bench.targets.Target;
import dev.vastproxy.bench.tool.Hey;
import dev.vastproxy.bench.tool.HeyResult;
import dev.vastproxy.bench.tool.JsonLoad;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * POSTs paced at a fixed rate below every target's saturation (hey -q): the latency a proxy adds
 * when it is not the bottleneck. A target named in {@code unpeeked} is loaded without a JSON
 * Content-Type, so vastproxy does not read the body for its model.
 */
public final class FixedLoadStage {
  /** The suffix of the variant sent without a JSON Content-Type. */
  public static final String UNPEEKED = " (not peeked)";

  private final Hey hey;
  private final JsonLoad load;
  private final int rate;
  private final ProcessTree proc;
  private final Path dir;
  private final Consumer<String> log;

  /**
   * @param rate requests per second in all
   */
  public FixedLoadStage(
      Hey hey, JsonLoad load, int rate, ProcessTree proc, Path dir, Consumer<String> log)
      throws IOException {
    this.hey = hey;
    this.load = load;
    this.rate = rate;
    this.proc = proc;
    this.dir = Files.createDirectories(dir);
    this.log = log;
  }

  /** Measures each target in every round; names ending in {@link #UNPEEKED} get the variant. */
  public Map<String, List<Measured<HeyResult>>> run(List<Target> targets, int rounds)
      throws IOException {
    return Interleaved.run(targets, rounds, (target, round) -> measure(target), log);
  }

  private Measured<HeyResult> measure(Target target) throws IOException {
    JsonLoad sent = load.at(target.address());
    if (target.name().endsWith(UNPEEKED)) {
      sent = sent.withContentType("text/plain");
    }
    ResourceSampler sampler = ResourceSampler.start(proc, target.pid());
    try {
      HeyResult result = hey.run(sent, rate, dir);
      return new Measured<>(result, sampler.finish());
    } finally {
      sampler.close();
    }
  }
}
