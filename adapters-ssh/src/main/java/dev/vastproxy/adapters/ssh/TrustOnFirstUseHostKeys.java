package dev.vastproxy.adapters.ssh;

import dev.vastproxy.domain.instance.InstanceId;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;

/**
 * Host keys, trusted on first use per instance id and remembered in a file (one line per instance:
 * {@code <id> <key type> <base64 key>}). A different key for an instance already known is refused
 * and logged once at WARNING.
 */
public final class TrustOnFirstUseHostKeys {
  private static final System.Logger LOG =
      System.getLogger(TrustOnFirstUseHostKeys.class.getName());

  private final Path file;
  private final Map<InstanceId, StoredKey> known = new HashMap<>();
  private final Set<InstanceId> warned = new HashSet<>();
  private boolean loaded;
  private boolean writeFailed;

  /**
   * @param file where the keys are remembered; created (with its folder) on the first new key
   */
  public TrustOnFirstUseHostKeys(Path file) {
    this.file = Objects.requireNonNull(file, "file");
  }

  /** The message a refused key gives. */
  static String changedMessage(InstanceId id) {
    return "host key of instance " + id + " changed: refused";
  }

  /** A verifier for one connection attempt to an instance; it tells afterwards if it refused. */
  Verifier verifierFor(InstanceId id) {
    return new Verifier(id);
  }

  /** Whether a key is accepted for the instance: the first one is, and afterwards only it. */
  synchronized boolean accept(InstanceId id, PublicKey key) {
    loadOnce();
    StoredKey offered = StoredKey.of(key);
    StoredKey stored = known.get(id);
    if (stored == null) {
      known.put(id, offered);
      remember(id, offered);
      return true;
    }
    if (stored.equals(offered)) {
      return true;
    }
    if (warned.add(id)) {
      LOG.log(
          Level.WARNING,
          "{0} (known {1} {2}, offered {3} {4}); remove the line of instance {5} from {6} if the"
              + " change is expected",
          changedMessage(id),
          stored.type(),
          stored.fingerprint(),
          offered.type(),
          offered.fingerprint(),
          id,
          file);
    }
    return false;
  }

  /** The key algorithms to prefer for an instance, so that it shows the key we know. */
  synchronized List<String> algorithms(InstanceId id) {
    loadOnce();
    StoredKey stored = known.get(id);
    if (stored == null) {
      return List.of();
    }
    if (stored.type().equals(KeyType.RSA.toString())) {
      return List.of("rsa-sha2-512", "rsa-sha2-256", stored.type());
    }
    return List.of(stored.type());
  }

  private void loadOnce() {
    if (loaded) {
      return;
    }
    loaded = true;
    if (!Files.exists(file)) {
      return;
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        parse(line).ifPresent(entry -> known.put(entry.id(), entry.key()));
      }
    } catch (IOException e) {
      LOG.log(
          Level.WARNING,
          "cannot read the SSH host keys in {0} ({1}); every instance is trusted anew",
          file,
          e.getClass().getSimpleName());
    }
  }

  private static Optional<Entry> parse(String line) {
    String[] fields = line.strip().split("\\s+");
    if (fields.length != 3 || fields[0].startsWith("#")) {
      return Optional.empty();
    }
    Optional<InstanceId> id = InstanceId.parse(fields[0]);
    return id.map(value -> new Entry(value, new StoredKey(fields[1], fields[2])));
  }

  private void remember(InstanceId id, StoredKey key) {
    if (writeFailed) {
      return;
    }
    try {
      Path folder = file.toAbsolutePath().getParent();
      if (folder != null) {
        Files.createDirectories(folder);
      }
      if (!Files.exists(file)) {
        Files.createFile(file);
        ownerOnly(file);
        Files.writeString(
            file,
            "# SSH host keys of vast.ai instances, trusted on first use by vastproxy\n",
            StandardCharsets.UTF_8,
            StandardOpenOption.APPEND);
      }
      Files.writeString(
          file,
          id + " " + key.type() + " " + key.base64() + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      writeFailed = true;
      LOG.log(
          Level.WARNING,
          "cannot write the SSH host keys to {0} ({1}); they are kept in memory only",
          file,
          e.getClass().getSimpleName());
    }
  }

  private static void ownerOnly(Path path) throws IOException {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    }
  }

  /** Verifies the host key of one connection to one instance. */
  final class Verifier implements HostKeyVerifier {
    private final InstanceId id;
    private final AtomicBoolean refused = new AtomicBoolean();

    private Verifier(InstanceId id) {
      this.id = id;
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
      boolean accepted = accept(id, key);
      if (!accepted) {
        refused.set(true);
      }
      return accepted;
    }

    @Override
    public List<String> findExistingAlgorithms(String hostname, int port) {
      return algorithms(id);
    }

    /** Whether this verifier refused the key it was shown. */
    boolean refused() {
      return refused.get();
    }
  }

  private record Entry(InstanceId id, StoredKey key) {}

  /** A key as stored: its SSH type name and its SSH wire encoding in base64. */
  private record StoredKey(String type, String base64) {
    static StoredKey of(PublicKey key) {
      byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
      return new StoredKey(
          KeyType.fromKey(key).toString(), Base64.getEncoder().encodeToString(blob));
    }

    String fingerprint() {
      try {
        byte[] digest =
            MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(base64));
        return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
      } catch (NoSuchAlgorithmException | IllegalArgumentException e) {
        return "(unreadable)";
      }
    }
  }
}
