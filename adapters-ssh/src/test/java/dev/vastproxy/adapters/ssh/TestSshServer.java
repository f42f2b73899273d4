package dev.vastproxy.adapters.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;

/**
 * An embedded SSH server on loopback that answers every command with a configurable reply (or
 * never), logs in {@code root} by public key (or refuses), and forwards TCP.
 */
final class TestSshServer implements AutoCloseable {
  /** What a command does. */
  record Reply(String stdout, String stderr, int exitStatus, boolean hang) {
    static Reply of(String stdout) {
      return new Reply(stdout, "", 0, false);
    }

    static Reply failing(String stdout, String stderr, int exitStatus) {
      return new Reply(stdout, stderr, exitStatus, false);
    }

    static Reply never() {
      return new Reply("", "", 0, true);
    }
  }

  static final String TWO_GPUS = "0, 87, 71, 22145, 24564\n1, 100, 73, 23890, 24564\n";

  private final SshServer server;
  private final KeyPair hostKey;
  private final AtomicInteger sessions = new AtomicInteger();
  private final AtomicInteger commands = new AtomicInteger();
  private final List<String> users = new CopyOnWriteArrayList<>();
  private final List<PublicKey> offeredKeys = new CopyOnWriteArrayList<>();
  private volatile Reply reply = Reply.of(TWO_GPUS);
  private volatile boolean acceptLogins = true;

  private TestSshServer(KeyPair hostKey) {
    this.hostKey = hostKey;
    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    server.setPublickeyAuthenticator(
        (user, key, session) -> {
          users.add(user);
          offeredKeys.add(key);
          return acceptLogins && "root".equals(user);
        });
    server.setCommandFactory((channel, command) -> new ReplyCommand(reply));
    server.setForwardingFilter(AcceptAllForwardingFilter.INSTANCE);
    server.addSessionListener(
        new SessionListener() {
          @Override
          public void sessionCreated(Session session) {
            sessions.incrementAndGet();
          }
        });
  }

  /** A server with a fresh host key. */
  static TestSshServer start() throws IOException {
    return start(newHostKey());
  }

  /** A server with the given host key. */
  static TestSshServer start(KeyPair hostKey) throws IOException {
    TestSshServer server = new TestSshServer(hostKey);
    server.server.start();
    return server;
  }

  /** A fresh EC P-256 host key. */
  static KeyPair newHostKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  int port() {
    return server.getPort();
  }

  KeyPair hostKey() {
    return hostKey;
  }

  /** How many SSH connections reached the server. */
  int sessionsCreated() {
    return sessions.get();
  }

  /** How many SSH connections are open now. */
  int sessionsOpen() {
    return server.getActiveSessions().size();
  }

  /** How many commands ran. */
  int commandsRun() {
    return commands.get();
  }

  /** The user names that tried to log in. */
  List<String> users() {
    return List.copyOf(users);
  }

  /** The public keys offered at login. */
  List<PublicKey> offeredKeys() {
    return new ArrayList<>(offeredKeys);
  }

  void reply(Reply value) {
    reply = value;
  }

  void acceptLogins(boolean value) {
    acceptLogins = value;
  }

  /** Cuts every open SSH connection, as a network failure would. */
  void killSessions() {
    server.getActiveSessions().forEach(session -> session.close(true));
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
  }

  /** Answers with the reply it was made with. */
  private final class ReplyCommand implements Command {
    private final Reply answer;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;

    ReplyCommand(Reply answer) {
      this.answer = answer;
    }

    @Override
    public void setInputStream(InputStream in) {}

    @Override
    public void setOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
      this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
      this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
      commands.incrementAndGet();
      if (answer.hang()) {
        return;
      }
      out.write(answer.stdout().getBytes(StandardCharsets.UTF_8));
      out.flush();
      err.write(answer.stderr().getBytes(StandardCharsets.UTF_8));
      err.flush();
      exit.onExit(answer.exitStatus());
    }

    @Override
    public void destroy(ChannelSession channel) {}
  }
}
