package dev.vastproxy.bench.stage;

import dev.vastproxy.bench.proc.ProcessTree;
import dev.vastproxy.bench.proc.ResourceSampler;
import dev.vastproxy.bench.targets.Target;
import dev.vastproxy.bench.tool.JsonLoad;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A stage that loads each target with one tool in interleaved rounds, sampling its processes.
 *
 * @param <R> what the tool reports of one run
 */
public abstract class SampledLoadStage<R> {
  /** One run of the load tool. */
  @FunctionalInterface
  interface Tool<R> {
    /** Sends this load, with the tool's files in {@code dir}, and gives what the tool reports. */
    R run(JsonLoad sent, Path dir) throws IOException;
  }

  final JsonLoad load;
  final Path dir;
  final Consumer<String> log;
  private final Tool<R> tool;
  private final ProcessTree proc;

  /**
   * @param load the load (its target is replaced by each target's address)
   * @param dir the tool's scratch directory (created)
   */
  SampledLoadStage(Tool<R> tool, JsonLoad load, ProcessTree proc, Path dir, Consumer<String> log)
      throws IOException {
    this.tool = tool;
    this.load = load;
    this.proc = proc;
    this.dir = Files.createDirectories(dir);
    this.log = log;
  }

  /** Measures each target in every round. */
  public Map<String, List<Measured<R>>> run(List<Target> targets, int rounds) throws IOException {
    return Interleaved.run(targets, rounds, (target, round) -> measure(target), log);
  }

  /** The load to send to this target. */
  JsonLoad aimedAt(Target target) {
    return load.at(target.address());
  }

  private Measured<R> measure(Target target) throws IOException {
    JsonLoad sent = aimedAt(target);
    ResourceSampler sampler = ResourceSampler.start(proc, target.pid(), target::allocatedBytes);
    try {
      R result = tool.run(sent, dir);
      return new Measured<>(result, sampler.finish());
    } finally {
      sampler.close();
    }
  }
}
