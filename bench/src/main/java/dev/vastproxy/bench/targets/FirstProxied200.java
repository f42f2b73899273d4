package dev.vastproxy.bench.targets;

import dev.vastproxy.bench.client.ChatBodies;
import dev.vastproxy.bench.client.OneShotHttp;
import dev.vastproxy.bench.proc.ChildProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits for a freshly spawned proxy to answer a chat request through to a backend with 200 (an open
 * port is not enough), and tells how long that took from the spawn.
 */
public final class FirstProxied200 {
  private static final long POLL_NANOS = 2_000_000;

  private FirstProxied200() {}

  /**
   * Milliseconds from spawn to the first 200.
   *
   * @throws IOException when the process exits or no 200 comes within the timeout
   */
  public static double await(ChildProcess process, InetSocketAddress address, Duration timeout)
      throws IOException {
    byte[] request = ChatBodies.instantRequest(MockFleet.MODEL, MockFleet.TOKEN, address.getPort());
    long deadline = process.spawnedAt() + timeout.toNanos();
    String last = "no answer";
    while (System.nanoTime() - deadline < 0) {
      try {
        int status = OneShotHttp.status(address, request, 1000);
        if (status == 200) {
          return (System.nanoTime() - process.spawnedAt()) / 1e6;
        }
        last = "HTTP " + status;
      } catch (IOException e) {
        last = e.getMessage();
      }
      if (!process.alive()) {
        throw new IOException("it exited before answering; output:\n" + process.output());
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
    throw new IOException(
        "no proxied 200 within "
            + timeout.toSeconds()
            + " s ("
            + last
            + "); output:\n"
            + process.output());
  }
}
