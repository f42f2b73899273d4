package dev.vastproxy.bench.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a JVM's live heap: a full GC, then the used heap, both through {@code jcmd}. */
public final class HeapProbe {
  /** "used 1450K" (Serial, Parallel, G1) or "14464K used" (Shenandoah). */
  private static final Pattern USED = Pattern.compile("used (\\d+)([KMG])\\b|(\\d+)([KMG]) used");

  private final Path jcmd;

  /** Uses the given jcmd. */
  public HeapProbe(Path jcmd) {
    this.jcmd = jcmd;
  }

  /** The jcmd beside the JVM running the harness. */
  public static HeapProbe system() {
    return new HeapProbe(Path.of(System.getProperty("java.home"), "bin", "jcmd"));
  }

  /** Heap in use after a full GC, in KiB; -1 when it could not be read. */
  public long liveHeapKib(long pid) {
    try {
      run(pid, "GC.run");
      return usedKib(run(pid, "GC.heap_info"));
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** The heap in use, in KiB, summed over the generations of a GC.heap_info answer; -1 if none. */
  static long usedKib(String heapInfo) {
    long used = 0;
    boolean found = false;
    for (String line : heapInfo.split("\n")) {
      String trimmed = line.trim();
      if (trimmed.startsWith("Metaspace") || trimmed.startsWith("class space")) {
        continue;
      }
      Matcher matcher = USED.matcher(trimmed);
      if (matcher.find()) {
        boolean first = matcher.group(1) != null;
        long value = Long.parseLong(first ? matcher.group(1) : matcher.group(3));
        String unit = first ? matcher.group(2) : matcher.group(4);
        used += value * ("G".equals(unit) ? 1024 * 1024 : "M".equals(unit) ? 1024 : 1);
        found = true;
      }
    }
    return found ? used : -1;
  }

  private String run(long pid, String command) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), command))
            .redirectErrorStream(true)
            .start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException("jcmd " + command + " failed");
    }
    return new String(output, StandardCharsets.UTF_8);
  }
}
