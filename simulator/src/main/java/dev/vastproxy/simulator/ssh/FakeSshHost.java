package dev.vastproxy.simulator.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelListener;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;
import org.apache.sshd.server.forward.TcpipServerChannel;

/**
 * A fake instance's SSH daemon on loopback: logs {@code root} in with any public key, answers
 * {@code nvidia-smi} with the instance's GPU figures as they are now, and forwards TCP connections
 * (for the ssh-tunnel transport). Any other command fails, as on a host without it.
 */
public final class FakeSshHost implements AutoCloseable {
  private final SshServer server;
  private final AtomicInteger forwards = new AtomicInteger();

  private FakeSshHost(Supplier<String> nvidiaSmi) {
    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    server.setKeyPairProvider(KeyPairProvider.wrap(hostKey()));
    server.setPublickeyAuthenticator((user, key, session) -> "root".equals(user));
    server.setCommandFactory((channel, command) -> new Reply(command, nvidiaSmi));
    server.setForwardingFilter(AcceptAllForwardingFilter.INSTANCE);
    server.addChannelListener(
        new ChannelListener() {
          @Override
          public void channelOpenSuccess(Channel channel) {
            if (channel instanceof TcpipServerChannel) {
              forwards.incrementAndGet();
            }
          }
        });
  }

  /**
   * Starts a host.
   *
   * @param nvidiaSmi the {@code nvidia-smi --format=csv,noheader,nounits} output now
   */
  public static FakeSshHost start(Supplier<String> nvidiaSmi) {
    FakeSshHost host = new FakeSshHost(nvidiaSmi);
    try {
      host.server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the fake SSH host", e);
    }
    return host;
  }

  /** The port it listens on. */
  public int port() {
    return server.getPort();
  }

  /** SSH connections open now. */
  public int openSessions() {
    return server.getActiveSessions().size();
  }

  /** Forwarded TCP connections (direct-tcpip channels) it has opened. */
  public int forwardsOpened() {
    return forwards.get();
  }

  @Override
  public void close() {
    try {
      server.stop(true);
    } catch (IOException e) {
      // stopping anyway
    }
  }

  private static KeyPair hostKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no EC keys in this JDK", e);
    }
  }

  /** Runs one command: nvidia-smi answers, anything else is not found. */
  private static final class Reply implements Command {
    private final String command;
    private final Supplier<String> nvidiaSmi;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;

    Reply(String command, Supplier<String> nvidiaSmi) {
      this.command = command;
      this.nvidiaSmi = nvidiaSmi;
    }

    @Override
    public void setInputStream(InputStream in) {}

    @Override
    public void setOutputStream(OutputStream stream) {
      this.out = stream;
    }

    @Override
    public void setErrorStream(OutputStream stream) {
      this.err = stream;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
      this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
      if (command.startsWith("nvidia-smi ")) {
        out.write(nvidiaSmi.get().getBytes(StandardCharsets.UTF_8));
        out.flush();
        exit.onExit(0);
      } else {
        err.write(
            (command.split(" ")[0] + ": command not found\n").getBytes(StandardCharsets.UTF_8));
        err.flush();
        exit.onExit(127);
      }
    }

    @Override
    public void destroy(ChannelSession channel) {}
  }
}
