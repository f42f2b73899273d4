package dev.vastproxy.simulator.engine;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate a fake engine can serve HTTPS with. Both name {@code jupyter.vast.ai}
 * (never the IP), as vast.ai's instance certificates do; they differ, so a test can change one for
 * the other and see the change refused.
 */
public enum TlsIdentity {
  /** One certificate. */
  A("instance-a.p12"),
  /** Another certificate for the same name. */
  B("instance-b.p12");

  private static final char[] PASSWORD = "simulator".toCharArray();
  private final String resource;

  TlsIdentity(String resource) {
    this.resource = resource;
  }

  /** A server TLS context presenting this certificate. */
  SSLContext serverContext() {
    try (InputStream in =
        TlsIdentity.class.getResourceAsStream("/dev/vastproxy/simulator/tls/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("missing " + resource);
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, PASSWORD);
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, PASSWORD);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot load the simulator's TLS identity " + name(), e);
    }
  }
}
