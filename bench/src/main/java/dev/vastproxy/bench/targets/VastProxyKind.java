package dev.vastproxy.bench.targets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * vastproxy from its runnable jar, as a separate JVM, discovering the mock engines through the fake
 * vast.ai API.
 *
 * @param jar bootstrap/target/vastproxy.jar
 * @param policy the selection policy ({@code round-robin}, {@code least-requests}, {@code
 *     power-of-two})
 * @param jvmFlags flags for the JVM (heap, GC, processor count)
 * @param variant appended to the name (empty for the plain run)
 */
public record VastProxyKind(Path jar, String policy, List<String> jvmFlags, String variant)
    implements TargetKind {
  /**
   * The JVM flags the benchmark runs vastproxy with: {@code workers} bounds its IO threads (one per
   * "processor"); a fixed 256 MiB heap; Shenandoah, whose pauses stay well under a millisecond,
   * where the JDK has it, else the serial collector.
   */
  public static List<String> defaultJvmFlags(int workers) {
    return List.of(
        "-XX:ActiveProcessorCount=" + workers,
        "-Xms64m",
        "-Xmx256m",
        Collectors.SHENANDOAH_AVAILABLE ? "-XX:+UseShenandoahGC" : "-XX:+UseSerialGC",
        "-XX:MaxDirectMemorySize=64m",
        "-Xss512k");
  }

  /** Which collectors this JDK offers. */
  static final class Collectors {
    static final boolean SHENANDOAH_AVAILABLE = accepts("-XX:+UseShenandoahGC");

    private Collectors() {}

    /** Whether a JVM of this JDK starts with the flag. */
    static boolean accepts(String flag) {
      try {
        Process jvm =
            new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    flag,
                    "-version")
                .redirectErrorStream(true)
                .start();
        jvm.getInputStream().readAllBytes();
        return jvm.waitFor(30, TimeUnit.SECONDS) && jvm.exitValue() == 0;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  public VastProxyKind {
    jvmFlags = List.copyOf(jvmFlags);
  }

  /** vastproxy with a policy and JVM flags. */
  public VastProxyKind(Path jar, String policy, List<String> jvmFlags) {
    this(jar, policy, jvmFlags, "");
  }

  /** The same, with more JVM flags and a name that says so. */
  public VastProxyKind with(List<String> moreFlags, String newVariant) {
    List<String> flags = new ArrayList<>(jvmFlags);
    flags.addAll(moreFlags);
    return new VastProxyKind(jar, policy, flags, newVariant);
  }

  @Override
  public String name() {
    String name =
        switch (policy) {
          case "round-robin" -> "vastproxy";
          case "least-requests" -> "vastproxy least-req";
          case "power-of-two" -> "vastproxy p2c";
          default -> "vastproxy " + policy;
        };
    return variant.isEmpty() ? name : name + " " + variant;
  }

  @Override
  public Optional<String> missing() {
    return Files.isRegularFile(jar)
        ? Optional.empty()
        : Optional.of(
            jar
                + " is missing: build it with ./mvnw -B -q -DskipTests -Djacoco.skip"
                + " -Dspotless.check.skip package -pl bootstrap -am");
  }

  @Override
  public Target start(MockFleet fleet, Path dir) throws IOException {
    int port = ProcessTarget.freePort();
    Path home = Files.createDirectories(dir.resolve(name().replace(' ', '-')));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.add("-Duser.home=" + home);
    command.addAll(
        List.of(
            "-jar",
            jar.toAbsolutePath().toString(),
            "--headless",
            "--listen-addr",
            "127.0.0.1:" + port,
            "--policy",
            policy));
    return ProcessTarget.launch(
            name(),
            command,
            home,
            Map.of(
                "VAST_API_KEY",
                MockFleet.API_KEY,
                "VAST_API_URL",
                fleet.vastApi().toString(),
                "HOME",
                home.toString()),
            port)
        .tellingAllocation();
  }
}
