package dev.vastproxy.bootstrap.config;

import dev.vastproxy.domain.instance.Secret;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The vast.ai account and the SSH keys that reach its instances.
 *
 * @param apiKey the vast.ai key (empty only in demo mode)
 * @param apiUrl where the vast.ai API is
 * @param sshKeys private keys to try for GPU probing, in order; may be empty
 * @param knownHosts where instances' SSH host keys are remembered (trust on first use)
 */
public record AccountSettings(
    Optional<Secret> apiKey, URI apiUrl, List<Path> sshKeys, Path knownHosts) {
  public AccountSettings {
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(apiUrl, "apiUrl");
    sshKeys = List.copyOf(sshKeys);
    Objects.requireNonNull(knownHosts, "knownHosts");
  }

  /**
   * Reads the account's settings.
   *
   * @param demo whether the demo runs, which needs no key
   */
  static AccountSettings read(SettingValues values, boolean demo) throws ConfigException {
    String apiKey = values.text(Setting.VAST_API_KEY);
    if (apiKey.isEmpty() && !demo) {
      throw new ConfigException(
          "VAST_API_KEY is not set: export VAST_API_KEY=<your vast.ai API key> (or pass"
              + " --vast-api-key), or try --demo to run a simulated fleet");
    }
    return new AccountSettings(
        apiKey.isEmpty() ? Optional.empty() : Optional.of(Secret.of(apiKey)),
        apiUrl(values.text(Setting.VAST_API_URL)),
        sshKeys(values, values.changed(Setting.SSH_KEY_PATH)),
        knownHosts(values.environment(), values.home()));
  }

  private static URI apiUrl(String text) throws ConfigException {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new URISyntaxException(text, "not an http(s) URL");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigException(
          "VAST_API_URL="
              + text
              + " is not an http(s) URL (the default is https://console.vast.ai)");
    }
  }

  private static List<Path> sshKeys(SettingValues values, boolean explicit) throws ConfigException {
    String text = values.text(Setting.SSH_KEY_PATH);
    Path chosen = values.path(text);
    if (explicit && !Files.isReadable(chosen)) {
      throw new ConfigException(
          "SSH_KEY_PATH="
              + text
              + " cannot be read: point it at your private key (e.g. ~/.ssh/id_ed25519) or unset it");
    }
    Set<Path> keys = new LinkedHashSet<>();
    keys.add(chosen);
    for (String name : List.of("id_ed25519", "id_rsa", "id_ecdsa")) {
      keys.add(values.home().resolve(".ssh").resolve(name));
    }
    return keys.stream().filter(Files::isReadable).toList();
  }

  /** Where SSH host keys are remembered: under XDG_CONFIG_HOME, else ~/.config. */
  private static Path knownHosts(Map<String, String> environment, Path home) {
    String xdg = environment.get("XDG_CONFIG_HOME");
    Path configHome =
        xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
            ? Path.of(xdg)
            : home.resolve(".config");
    return configHome.resolve("vastproxy").resolve("known_hosts");
  }
}
