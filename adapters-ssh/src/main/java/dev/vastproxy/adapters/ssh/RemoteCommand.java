package dev.vastproxy.adapters.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.direct.Session;

/**
 * Runs one short command on an SSH session and collects what it printed, giving up after a timeout.
 * Meant for commands with small output (it must fit SSHJ's channel window, megabytes).
 */
final class RemoteCommand {
  /** More output than this is cut off; nvidia-smi prints well under a kilobyte per GPU. */
  private static final int MAX_OUTPUT = 256 * 1024;

  private RemoteCommand() {}

  /**
   * What the command printed.
   *
   * @param exitStatus its exit status, when the server reported one
   * @param stdout its standard output
   * @param stderr its standard error
   */
  record Output(OptionalInt exitStatus, String stdout, String stderr) {
    Output {
      Objects.requireNonNull(exitStatus, "exitStatus");
      Objects.requireNonNull(stdout, "stdout");
      Objects.requireNonNull(stderr, "stderr");
    }

    /** Whether the command reported a failure. */
    boolean failed() {
      return exitStatus.isPresent() && exitStatus.getAsInt() != 0;
    }
  }

  /**
   * Runs the command.
   *
   * @throws TimeoutException when it did not finish in time; the channel is left to the caller, who
   *     should drop the whole session
   * @throws IOException when the session failed
   */
  static Output run(SSHClient client, String command, Duration timeout)
      throws IOException, TimeoutException {
    Session session = client.startSession();
    Session.Command running = session.exec(command);
    try {
      running.join(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ConnectionException e) {
      if (running.isOpen()) {
        throw new TimeoutException("no answer within " + FailureReasons.seconds(timeout));
      }
      throw e;
    }
    if (running.isOpen()) {
      throw new TimeoutException("no answer within " + FailureReasons.seconds(timeout));
    }
    String stdout = read(running.getInputStream());
    String stderr = read(running.getErrorStream());
    Integer status = running.getExitStatus();
    session.close();
    return new Output(
        status == null ? OptionalInt.empty() : OptionalInt.of(status), stdout, stderr);
  }

  private static String read(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int n;
    while (out.size() < MAX_OUTPUT && (n = in.read(buffer)) > 0) {
      out.write(buffer, 0, n);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
