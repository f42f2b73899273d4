package dev.vastproxy.adapters.http.upstream;

import dev.vastproxy.adapters.http.HttpRuntime;
import java.time.Duration;
import org.xnio.OptionMap;

/**
 * The proxy's own calls to engines, for tests: one IO thread, and connections kept as the proxy
 * keeps them (2 s to connect, 4 idle per engine, 3 s at most idle), trusting HTTPS engines by pin.
 */
public final class OwnCalls implements AutoCloseable {
  private final HttpRuntime runtime = HttpRuntime.start(1);
  private final BackendTls tls = new BackendTls();
  private final BackendConnections connections =
      new BackendConnections(
          runtime.bufferPool(),
          OptionMap.EMPTY,
          Duration.ofSeconds(2),
          4,
          Duration.ofSeconds(3),
          tls);
  private final BackendCall calls = new BackendCall(connections, runtime.worker());

  public BackendTls tls() {
    return tls;
  }

  public BackendConnections connections() {
    return connections;
  }

  public BackendCall calls() {
    return calls;
  }

  @Override
  public void close() {
    connections.close();
    runtime.close();
  }
}
