package dev.vastproxy.bench.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeapProbeTest {
  @Test
  void sumsTheGenerationsOfSerialAndG1() {
    String serial =
        """
         def new generation   total 4928K, used 1450K [0x00000000f0000000, 0x00000000f0550000)
          eden space 4416K,  32% used
         tenured generation   total 10944K, used 7316K [0x00000000f0550000, 0x00000000f1000000)
         Metaspace       used 12345K, committed 12800K, reserved 1114112K
          class space    used 1500K, committed 1600K, reserved 1048576K
        """;
    String g1 =
        """
         garbage-first heap   total 262144K, used 12345K [0x00000000f0000000, 0x0000000100000000)
          region size 1024K, 3 young (3072K), 0 survivors (0K)
         Metaspace       used 999K, committed 1000K, reserved 1056768K
        """;

    assertThat(HeapProbe.usedKib(serial)).isEqualTo(1450 + 7316);
    assertThat(HeapProbe.usedKib(g1)).isEqualTo(12345);
    assertThat(
            HeapProbe.usedKib(
                "Shenandoah Heap\n 256M max, 256M soft max, 256M committed, 14464K used\n"))
        .isEqualTo(14464);
    assertThat(HeapProbe.usedKib(" garbage-first heap   total 2G, used 3M [0x0]\n"))
        .isEqualTo(3072);
    assertThat(HeapProbe.usedKib(" x heap 1G used\n")).isEqualTo(1024 * 1024);
    assertThat(HeapProbe.usedKib("no heap here")).isEqualTo(-1);
  }

  @Test
  void readsALiveJvmsHeapThroughJcmd(@TempDir Path dir) throws Exception {
    Path source = dir.resolve("Sleeper.java");
    Files.writeString(
        source,
        "public class Sleeper { public static void main(String[] a) throws Exception {"
            + " System.out.println(\"up\"); System.out.flush(); Thread.sleep(60_000); } }");
    Process jvm =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m",
                "-XX:+UseSerialGC",
                source.toString())
            .start();
    try {
      jvm.getInputStream().read();
      assertThat(HeapProbe.system().liveHeapKib(jvm.pid())).isPositive();
      assertThat(new HeapProbe(Path.of("/nonexistent/jcmd")).liveHeapKib(jvm.pid())).isEqualTo(-1);
    } finally {
      jvm.destroyForcibly();
    }
  }
}
