package dev.vastproxy.adapters.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.application.port.out.GpuProbe;
import dev.vastproxy.domain.backend.SshPath;
import dev.vastproxy.domain.testing.LogCapture;
import dev.vastproxy.domain.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.schmizz.sshj.common.KeyType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SshKeysTest {
  @TempDir Path folder;

  private final MutableClock clock = new MutableClock(SshFixture.T0);
  private TestSshServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestSshServer.start();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private GpuProbe probeWith(SshKeys keys) {
    try (SshSessions sessions =
        new SshSessions(
            keys,
            new TrustOnFirstUseHostKeys(folder.resolve("known_hosts")),
            SshFixture.FAST,
            clock)) {
      return new SshjGpuMetricsAdapter(sessions).readGpus(SshFixture.instance(1, server.port(), 0));
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "rsa-openssh, RSA",
    "rsa-pem, RSA",
    "rsa-pkcs8, RSA",
    "ecdsa-openssh, ECDSA256",
    "ecdsa-pem, ECDSA384",
    "ecdsa-pkcs8, ECDSA256",
    "ed25519-openssh, ED25519",
    "ed25519-pem, ED25519"
  })
  void logsInWithEveryKeyTypeAndFormat(String file, KeyType type) throws Exception {
    SshKeys keys = SshKeys.load(List.of(TestKeys.path(file)));

    assertThat(keys.problem()).isEmpty();
    assertThat(keys.size()).isEqualTo(1);
    assertThat(keys.providers().get(0).getType()).isEqualTo(type);
    GpuProbe probe = probeWith(keys);
    assertThat(probe.problem()).isEmpty();
    assertThat(probe.path()).isEqualTo(SshPath.DIRECT);
    assertThat(server.offeredKeys()).contains(keys.providers().get(0).getPublic());
  }

  @Test
  void aKeyWithAPassphraseIsOneClearMessageAndProbesFailFast() {
    Path locked = TestKeys.path("ed25519-openssh-passphrase");
    try (LogCapture log = LogCapture.of(SshKeys.class)) {
      SshKeys keys = SshKeys.load(List.of(locked));

      String expected =
          "no usable SSH private key: "
              + locked
              + " needs a passphrase, which vastproxy cannot ask for; set SSH_KEY_PATH to a"
              + " private key without a passphrase";
      assertThat(keys.problem()).hasValue(expected);
      assertThat(log.warnings()).containsExactly("GPU metrics over SSH are off: " + expected);

      GpuProbe first = probeWith(keys);
      GpuProbe second = probeWith(keys);
      assertThat(first.problem()).hasValue(expected);
      assertThat(second.problem()).hasValue(expected);
      assertThat(first.path()).isEqualTo(SshPath.NONE);
      assertThat(server.sessionsCreated()).as("no connection is tried").isZero();
      assertThat(log.warnings()).hasSize(1);
    }
  }

  @Test
  void aPemKeyWithAPassphraseIsReportedToo() {
    Path locked = TestKeys.path("rsa-pem-passphrase");

    SshKeys keys = SshKeys.load(List.of(locked));

    assertThat(keys.problem().orElseThrow())
        .contains(locked + " needs a passphrase, which vastproxy cannot ask for");
  }

  @Test
  void aLockedKeyIsSkippedWhenAnotherWorks() {
    try (LogCapture log = LogCapture.of(SshKeys.class)) {
      SshKeys keys =
          SshKeys.load(
              List.of(TestKeys.path("rsa-pem-passphrase"), TestKeys.path("ecdsa-openssh")));

      assertThat(keys.problem()).isEmpty();
      assertThat(keys.size()).isEqualTo(1);
      assertThat(log.warnings())
          .singleElement()
          .asString()
          .startsWith("SSH key skipped: ")
          .contains("needs a passphrase");
      assertThat(probeWith(keys).problem()).isEmpty();
    }
  }

  @Test
  void noKeyAtAllSaysWhereItLooked() {
    Path missing = folder.resolve("id_rsa");

    SshKeys keys = SshKeys.load(List.of(missing));

    assertThat(keys.problem())
        .hasValue(
            "no SSH private key found (looked for "
                + missing
                + "); set SSH_KEY_PATH to a private key without a passphrase");
    assertThat(probeWith(keys).problem()).isEqualTo(keys.problem());
  }

  @Test
  void noCandidateAtAllNamesTheDefaultKeys() {
    assertThat(SshKeys.load(List.of()).problem())
        .hasValue(
            "no SSH private key found (none of ~/.ssh/id_ed25519, id_rsa, id_ecdsa exists);"
                + " set SSH_KEY_PATH to a private key without a passphrase");
  }

  @Test
  void aFileThatIsNoKeyIsReported() throws Exception {
    Path notAKey = TestKeys.path("not-a-key");
    Path empty = Files.writeString(folder.resolve("empty"), "");

    SshKeys keys = SshKeys.load(List.of(notAKey, empty));

    assertThat(keys.problem().orElseThrow())
        .contains(notAKey + " is not a private key in a format SSH understands")
        .contains(empty + " is not a private key in a format SSH understands");
  }

  @Test
  void aBrokenPkcs8KeyIsReported() throws Exception {
    Path broken =
        Files.writeString(
            folder.resolve("broken"),
            "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

    SshKeys keys = SshKeys.load(List.of(broken));

    assertThat(keys.problem().orElseThrow()).contains(broken.toString());
  }

  @Test
  void theSameKeyListedTwiceCountsOnce() {
    Path key = TestKeys.path("ed25519-openssh");

    SshKeys keys = SshKeys.load(List.of(key, key.getParent().resolve("./ed25519-openssh")));

    assertThat(keys.size()).isEqualTo(1);
  }

  @Test
  void messagesNeverCarryKeyMaterial() throws Exception {
    Path locked = TestKeys.path("rsa-pem-passphrase");
    String body = Files.readAllLines(locked).get(4);

    SshKeys keys = SshKeys.load(List.of(locked, TestKeys.path("not-a-key")));

    assertThat(keys.problem().orElseThrow()).doesNotContain(body).doesNotContain("PRIVATE");
  }
}
