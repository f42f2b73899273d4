package dev.vastproxy.adapters.ssh;

import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;

/**
 * The private keys that SSH logs in with, read once at start-up. When none is usable, the reason is
 * logged once and every probe fails fast with it: the proxy runs on without GPU metrics.
 */
public final class SshKeys {
  private static final System.Logger LOG = System.getLogger(SshKeys.class.getName());

  private final List<KeyProvider> keys;
  private final Optional<String> problem;

  private SshKeys(List<KeyProvider> keys, Optional<String> problem) {
    this.keys = List.copyOf(keys);
    this.problem = problem;
  }

  /**
   * Reads every candidate that exists, in order (e.g. {@code SSH_KEY_PATH}, then {@code
   * ~/.ssh/id_ed25519}, {@code id_rsa}, {@code id_ecdsa}). Never throws: unusable keys are logged
   * once, at WARNING, without the key's content.
   */
  public static SshKeys load(List<Path> candidates) {
    Objects.requireNonNull(candidates, "candidates");
    Set<Path> unique = new LinkedHashSet<>();
    candidates.forEach(path -> unique.add(path.toAbsolutePath().normalize()));
    DefaultConfig config = new DefaultConfig();
    List<KeyProvider> usable = new ArrayList<>();
    List<String> unusable = new ArrayList<>();
    for (Path path : unique) {
      if (!Files.exists(path)) {
        continue;
      }
      try {
        usable.add(PrivateKeyFile.read(path, config));
      } catch (UnusableKeyException e) {
        unusable.add(e.getMessage());
      }
    }
    if (usable.isEmpty()) {
      String problem = noKeyProblem(unique, unusable);
      LOG.log(Level.WARNING, "GPU metrics over SSH are off: {0}", problem);
      return new SshKeys(List.of(), Optional.of(problem));
    }
    for (String reason : unusable) {
      LOG.log(Level.WARNING, "SSH key skipped: {0}", reason);
    }
    return new SshKeys(usable, Optional.empty());
  }

  /** Why SSH cannot log in at all, when it cannot. */
  public Optional<String> problem() {
    return problem;
  }

  /** How many keys are usable. */
  public int size() {
    return keys.size();
  }

  /** The usable keys, in the order they are offered. */
  List<KeyProvider> providers() {
    return keys;
  }

  private static String noKeyProblem(Set<Path> candidates, List<String> unusable) {
    String fix = "set SSH_KEY_PATH to a private key without a passphrase";
    if (unusable.isEmpty()) {
      List<String> names = candidates.stream().map(Path::toString).toList();
      String looked =
          names.isEmpty()
              ? "none of ~/.ssh/id_ed25519, id_rsa, id_ecdsa exists"
              : "looked for " + String.join(", ", names);
      return "no SSH private key found (" + looked + "); " + fix;
    }
    return "no usable SSH private key: " + String.join("; ", unusable) + "; " + fix;
  }
}
