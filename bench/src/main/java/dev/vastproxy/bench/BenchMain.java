package dev.vastproxy.bench;

import dev.vastproxy.bench.proc.Executables;
import dev.vastproxy.bench.proc.HeapProbe;
import dev.vastproxy.bench.proc.ProcessTree;
import dev.vastproxy.bench.report.MarkdownReport;
import dev.vastproxy.bench.report.ReportFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** The benchmark's command line: runs it, prints the summary table, writes the Markdown report. */
public final class BenchMain {
  static final String USAGE =
      """
      usage: bench/run.sh [options]
        --smoke              the CI profile: direct and vastproxy, one small round
        --mixed              only the mixed-fleet stage (routing by load, about 6 min); its
                             section goes into the --out file, the rest stays
        --rounds N           interleaved rounds per stage (full profile: 3)
        --stages a,b         only these of startup,saturation,fixed,streaming,held,chaos
        --workers N          workers/threads of every proxy (default 1)
        --no-peers           leave nginx and HAProxy out
        --no-policies        leave vastproxy's least-requests and power-of-two runs out
        --jvm-flag FLAG      one more JVM flag for vastproxy (repeatable), e.g. for JFR
        --jar PATH           the vastproxy jar (default bootstrap/target/vastproxy.jar)
        --baseline PATH      another vastproxy jar, run as "vastproxy baseline" in the same rounds (A/B)
        --out FILE           write the Markdown report there (e.g. docs/benchmarks.md)
        --work-dir DIR       configurations, logs and tool output (default bench/results/work)
      """;

  private BenchMain() {}

  /** Entry point. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs with these arguments; 0 when every stream came through whole, 1 if not, 2 for bad use. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    Optional<BenchSettings> settings;
    Optional<Path> report;
    boolean mixed;
    try {
      Options options = Options.parse(args);
      if (options.help) {
        out.print(USAGE);
        return 0;
      }
      settings = Optional.of(options.settings());
      report = Optional.ofNullable(options.out);
      mixed = options.mixed;
    } catch (IllegalArgumentException e) {
      err.println("bench: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    long start = System.nanoTime();
    Consumer<String> log =
        line -> err.printf("[bench %6.1fs] %s%n", (System.nanoTime() - start) / 1e9, line);
    if (mixed) {
      return MixedFleetRun.run(settings.get(), report, out, err, log);
    }
    try {
      BenchResults results =
          new Benchmark(
                  settings.get(),
                  Executables.system(),
                  ProcessTree.system(),
                  HeapProbe.system(),
                  log)
              .run();
      String markdown = MarkdownReport.render(results);
      if (report.isPresent()) {
        Path file = report.get().toAbsolutePath();
        ReportFile.write(file, markdown);
        log.accept("report written to " + file);
      }
      out.print(MarkdownReport.summary(results));
      if (results.brokenStreams() > 0) {
        err.println("bench: " + results.brokenStreams() + " streams did not come through whole");
        return 1;
      }
      return 0;
    } catch (IOException | RuntimeException e) {
      err.println("bench: " + e);
      return 1;
    }
  }

  /** Whether a JVM flag picks the garbage collector (a second one would stop the JVM). */
  static boolean selectsCollector(String flag) {
    return flag.matches("-XX:\\+Use\\w+GC");
  }

  /** The parsed command line. */
  static final class Options {
    boolean help;
    boolean smoke;
    boolean mixed;
    Integer rounds;
    Set<String> stages;
    int workers = 1;
    boolean peers = true;
    boolean policies = true;
    final List<String> jvmFlags = new ArrayList<>();
    Path jar = Path.of("bootstrap", "target", "vastproxy.jar");
    Path baseline;
    Path out;
    Path workDir = Path.of("bench", "results", "work");

    static Options parse(String[] args) {
      Options options = new Options();
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--help", "-h" -> options.help = true;
          case "--smoke" -> options.smoke = true;
          case "--mixed" -> options.mixed = true;
          case "--no-peers" -> options.peers = false;
          case "--no-policies" -> options.policies = false;
          case "--rounds" -> options.rounds = positive(arg, value(args, ++i, arg));
          case "--workers" -> options.workers = positive(arg, value(args, ++i, arg));
          case "--stages" ->
              options.stages = new LinkedHashSet<>(Arrays.asList(value(args, ++i, arg).split(",")));
          case "--jvm-flag" -> options.jvmFlags.add(value(args, ++i, arg));
          case "--jar" -> options.jar = Path.of(value(args, ++i, arg));
          case "--baseline" -> options.baseline = Path.of(value(args, ++i, arg));
          case "--out" -> options.out = Path.of(value(args, ++i, arg));
          case "--work-dir" -> options.workDir = Path.of(value(args, ++i, arg));
          default -> throw new IllegalArgumentException("unknown option " + arg);
        }
      }
      return options;
    }

    BenchSettings settings() {
      BenchSettings settings =
          smoke
              ? BenchSettings.smoke(jar, workDir)
              : BenchSettings.full(jar, workDir, workers).withTargets(peers, policies);
      if (rounds != null) {
        settings = settings.withRounds(rounds);
      }
      if (stages != null) {
        settings = settings.withStages(stages);
      }
      if (baseline != null) {
        settings = settings.withBaseline(baseline);
      }
      if (!jvmFlags.isEmpty()) {
        List<String> flags = new ArrayList<>(settings.jvmFlags());
        if (jvmFlags.stream().anyMatch(BenchMain::selectsCollector)) {
          flags.removeIf(BenchMain::selectsCollector);
        }
        flags.addAll(jvmFlags);
        settings = settings.withJvmFlags(flags);
      }
      return settings;
    }

    private static String value(String[] args, int index, String option) {
      if (index >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args[index];
    }

    private static int positive(String option, String value) {
      try {
        int number = Integer.parseInt(value);
        if (number < 1) {
          throw new NumberFormatException();
        }
        return number;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(option + " needs a positive number, got " + value, e);
      }
    }
  }
}
