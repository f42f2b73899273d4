package dev.vastproxy.adapters.ssh;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;
import net.schmizz.sshj.Config;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.common.SecurityUtils;
import net.schmizz.sshj.userauth.keyprovider.FileKeyProvider;
import net.schmizz.sshj.userauth.keyprovider.KeyFormat;
import net.schmizz.sshj.userauth.keyprovider.KeyPairWrapper;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.keyprovider.KeyProviderUtil;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;
import org.bouncycastle.jcajce.interfaces.EdDSAPrivateKey;

/**
 * Reads one private key file (RSA, ECDSA or Ed25519; OpenSSH, PEM or PKCS#8 format) into a key pair
 * held in memory. SSHJ reads every format but PKCS#8 Ed25519, which is read here.
 */
final class PrivateKeyFile {
  /** No private key file is anywhere near this large; a bigger file is not a key. */
  private static final long MAX_BYTES = 64 * 1024;

  private static final String PKCS8_BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String PKCS8_END = "-----END PRIVATE KEY-----";

  private PrivateKeyFile() {}

  /**
   * The key in the file.
   *
   * @throws UnusableKeyException when it is missing, unreadable, protected by a passphrase, or not
   *     a key SSH can use
   */
  static KeyProvider read(Path file, Config config) throws UnusableKeyException {
    if (!Files.isRegularFile(file)) {
      throw new UnusableKeyException(file + " does not exist");
    }
    String text;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new UnusableKeyException(file + " is not a private key (too large)");
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UnusableKeyException(
          file + " cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    String notAKey = file + " is not a private key in a format SSH understands";
    KeyFormat format;
    try {
      format = KeyProviderUtil.detectKeyFileFormat(new StringReader(text), false);
    } catch (IOException e) {
      throw new UnusableKeyException(notAKey);
    }
    if (format == KeyFormat.Unknown) {
      throw new UnusableKeyException(notAKey);
    }
    AtomicBoolean askedForPassphrase = new AtomicBoolean();
    try {
      FileKeyProvider provider =
          Factory.Named.Util.create(config.getFileKeyProviderFactories(), format.toString());
      if (provider == null) {
        throw new UnusableKeyException(file + " is in a key format SSHJ cannot read: " + format);
      }
      provider.init(file.toFile(), refusingPassphrases(askedForPassphrase));
      return new KeyPairWrapper(provider.getPublic(), provider.getPrivate());
    } catch (IOException | RuntimeException e) {
      if (askedForPassphrase.get()) {
        throw new UnusableKeyException(
            file + " needs a passphrase, which vastproxy cannot ask for");
      }
      if (text.contains(PKCS8_BEGIN)) {
        return readPkcs8Ed25519(file, text);
      }
      throw new UnusableKeyException(file + " cannot be used as an SSH key: " + describe(e));
    }
  }

  /** A PKCS#8 PEM Ed25519 key ({@code openssl genpkey -algorithm ed25519}). */
  private static KeyProvider readPkcs8Ed25519(Path file, String text) throws UnusableKeyException {
    int begin = text.indexOf(PKCS8_BEGIN) + PKCS8_BEGIN.length();
    int end = text.indexOf(PKCS8_END, begin);
    if (end < 0) {
      throw new UnusableKeyException(file + " is a truncated PEM key");
    }
    try {
      byte[] der = Base64.getMimeDecoder().decode(text.substring(begin, end));
      KeyFactory factory = SecurityUtils.getKeyFactory("Ed25519");
      PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(der));
      if (!(privateKey instanceof EdDSAPrivateKey edPrivate)) {
        throw new UnusableKeyException(file + " holds a PKCS#8 key of an unsupported type");
      }
      PublicKey publicKey = edPrivate.getPublicKey();
      return new KeyPairWrapper(publicKey, privateKey);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new UnusableKeyException(
          file + " holds a PKCS#8 key of an unsupported type (RSA, ECDSA and Ed25519 work)");
    }
  }

  private static PasswordFinder refusingPassphrases(AtomicBoolean asked) {
    return new PasswordFinder() {
      @Override
      public char[] reqPassword(Resource<?> resource) {
        asked.set(true);
        return null;
      }

      @Override
      public boolean shouldRetry(Resource<?> resource) {
        return false;
      }
    };
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
