package dev.vastproxy.bench.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Takes the digest that every stream of a workload must match from one stream sent direct. */
public final class ReferenceStream {
  private ReferenceStream() {}

  /** The digest of one stream of the workload from the target; empty when it did not come whole. */
  public static Optional<StreamDigest> digest(InetSocketAddress target, SseWorkload workload)
      throws IOException {
    SseLoadClient client =
        new SseLoadClient(
            List.of(target), workload.withStreams(1, Duration.ZERO), Optional.empty());
    client.run();
    return client.firstClean();
  }
}
