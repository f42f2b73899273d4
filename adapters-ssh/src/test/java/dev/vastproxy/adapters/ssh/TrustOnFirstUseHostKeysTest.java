package dev.vastproxy.adapters.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.testing.LogCapture;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustOnFirstUseHostKeysTest {
  private static final InstanceId ONE = new InstanceId(1);
  private static final InstanceId TWO = new InstanceId(2);

  @TempDir Path folder;

  private final PublicKey first = TestSshServer.newHostKey().getPublic();
  private final PublicKey second = TestSshServer.newHostKey().getPublic();

  private Path file() {
    return folder.resolve("config").resolve("vastproxy").resolve("known_hosts");
  }

  @Test
  void trustsTheFirstKeyPerInstanceAndRefusesAnother() {
    TrustOnFirstUseHostKeys keys = new TrustOnFirstUseHostKeys(file());

    assertThat(keys.accept(ONE, first)).isTrue();
    assertThat(keys.accept(ONE, first)).isTrue();
    assertThat(keys.accept(ONE, second)).isFalse();
    assertThat(keys.accept(TWO, second)).as("another instance has its own key").isTrue();
  }

  @Test
  void remembersKeysAcrossRestartsInAnOwnerOnlyFile() throws Exception {
    new TrustOnFirstUseHostKeys(file()).accept(ONE, first);

    TrustOnFirstUseHostKeys restarted = new TrustOnFirstUseHostKeys(file());

    assertThat(restarted.accept(ONE, second)).isFalse();
    assertThat(restarted.accept(ONE, first)).isTrue();
    assertThat(Files.readAllLines(file()))
        .hasSize(2)
        .last()
        .asString()
        .startsWith("1 ecdsa-sha2-nistp256 AAAA");
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file())))
          .isEqualTo("rw-------");
    }
  }

  @Test
  void refusalIsLoggedOnceAtWarning() {
    TrustOnFirstUseHostKeys keys = new TrustOnFirstUseHostKeys(file());
    keys.accept(ONE, first);

    try (LogCapture log = LogCapture.of(TrustOnFirstUseHostKeys.class)) {
      keys.accept(ONE, second);
      keys.accept(ONE, second);

      assertThat(log.warnings())
          .singleElement()
          .asString()
          .startsWith("host key of instance 1 changed: refused (known ecdsa-sha2-nistp256 SHA256:");
    }
  }

  @Test
  void prefersTheAlgorithmOfTheKnownKey() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    TrustOnFirstUseHostKeys keys = new TrustOnFirstUseHostKeys(file());
    keys.accept(ONE, first);
    keys.accept(TWO, rsa.generateKeyPair().getPublic());

    assertThat(keys.algorithms(ONE)).containsExactly("ecdsa-sha2-nistp256");
    assertThat(keys.algorithms(TWO)).containsExactly("rsa-sha2-512", "rsa-sha2-256", "ssh-rsa");
    assertThat(keys.algorithms(new InstanceId(3))).isEmpty();
    assertThat(keys.verifierFor(ONE).findExistingAlgorithms("127.0.0.1", 22))
        .containsExactly("ecdsa-sha2-nistp256");
  }

  @Test
  void skipsLinesItDoesNotUnderstand() throws Exception {
    Files.createDirectories(file().getParent());
    Files.write(file(), List.of("# comment", "", "x ssh-ed25519 AAAA", "1 2", "-5 a b"));

    TrustOnFirstUseHostKeys keys = new TrustOnFirstUseHostKeys(file());

    assertThat(keys.accept(ONE, first)).isTrue();
  }

  @Test
  void keepsKeysInMemoryWhenTheFileCannotBeWritten() throws Exception {
    Path blocker = Files.writeString(folder.resolve("not-a-folder"), "");
    TrustOnFirstUseHostKeys keys = new TrustOnFirstUseHostKeys(blocker.resolve("known_hosts"));

    try (LogCapture log = LogCapture.of(TrustOnFirstUseHostKeys.class)) {
      assertThat(keys.accept(ONE, first)).isTrue();
      assertThat(keys.accept(TWO, second)).isTrue();
      assertThat(keys.accept(ONE, second)).isFalse();
      assertThat(log.warnings()).first().asString().startsWith("cannot write the SSH host keys to");
      assertThat(log.warnings()).hasSize(2);
    }
  }

  @Test
  void anUnreadableFileIsReportedAndTrustStartsAfresh() throws Exception {
    Files.createDirectories(file());

    try (LogCapture log = LogCapture.of(TrustOnFirstUseHostKeys.class)) {
      TrustOnFirstUseHostKeys keys = new TrustOnFirstUseHostKeys(file());
      assertThat(keys.accept(ONE, first)).isTrue();
      assertThat(log.warnings()).first().asString().startsWith("cannot read the SSH host keys");
    }
  }
}
