package dev.vastproxy.adapters.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Reads the kernel's TCP table, to find sockets a process forgot to close. Linux only. */
final class TcpStates {
  private static final String CLOSE_WAIT = "08";

  private TcpStates() {}

  /** Sockets in CLOSE-WAIT whose remote end is {@code port}: closed by the peer, not by us. */
  static long closeWaitTo(int port) throws IOException {
    String remotePort = String.format(Locale.ROOT, "%04X", port);
    long count = 0;
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path path = Path.of(table);
      if (!Files.isReadable(path)) {
        continue;
      }
      for (String line : Files.readAllLines(path)) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length > 3
            && fields[2].endsWith(":" + remotePort)
            && fields[3].equals(CLOSE_WAIT)) {
          count++;
        }
      }
    }
    return count;
  }
}
