package dev.vastproxy.bench.targets;

import dev.vastproxy.bench.client.AllocatedBytes;
import dev.vastproxy.bench.client.Loopback;
import dev.vastproxy.bench.proc.ChildProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** A proxy running as a child process on a loopback port: vastproxy, nginx or HAProxy. */
public final class ProcessTarget implements Target {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final String name;
  private final ChildProcess process;
  private final InetSocketAddress address;
  private final double startupMillis;
  private final boolean tellsAllocation;

  private ProcessTarget(
      String name,
      ChildProcess process,
      InetSocketAddress address,
      double startupMillis,
      boolean tellsAllocation) {
    this.name = name;
    this.process = process;
    this.address = address;
    this.startupMillis = startupMillis;
    this.tellsAllocation = tellsAllocation;
  }

  /**
   * Spawns the command and returns once a chat request through it answered 200.
   *
   * @param port the port the command was told to listen on
   * @throws IOException when it does not come up (the process is stopped then)
   */
  public static ProcessTarget launch(
      String name, List<String> command, Path dir, Map<String, String> env, int port)
      throws IOException {
    ChildProcess process = ChildProcess.start(command, dir, env, dir.resolve(fileName(name)));
    InetSocketAddress address = Loopback.port(port);
    try {
      double millis = FirstProxied200.await(process, address, READY_TIMEOUT);
      return new ProcessTarget(name, process, address, millis, false);
    } catch (IOException | RuntimeException e) {
      process.close();
      throw new IOException(name + " did not come up: " + e.getMessage(), e);
    }
  }

  /** A loopback port that nothing listens on now. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, Loopback.port(0).getAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String fileName(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "-") + ".log";
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<InetSocketAddress> addresses() {
    return List.of(address);
  }

  @Override
  public OptionalLong pid() {
    return OptionalLong.of(process.pid());
  }

  @Override
  public double startupMillis() {
    return startupMillis;
  }

  /** The same process, whose {@code /metrics} tells the heap it allocated (a JVM proxy). */
  public ProcessTarget tellingAllocation() {
    return new ProcessTarget(name, process, address, startupMillis, true);
  }

  @Override
  public OptionalDouble allocatedBytes() {
    return tellsAllocation ? AllocatedBytes.read(address) : OptionalDouble.empty();
  }

  /** Its output so far. */
  public String output() {
    return process.output();
  }

  @Override
  public void close() {
    process.close();
  }
}
