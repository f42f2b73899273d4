package dev.vastproxy.adapters.http.upstream;

import dev.vastproxy.domain.instance.InstanceId;
import io.undertow.UndertowOptions;
import io.undertow.protocols.ssl.UndertowXnioSsl;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.xnio.OptionMap;
import org.xnio.Xnio;
import org.xnio.XnioWorker;
import org.xnio.ssl.XnioSsl;

/**
 * How HTTPS backends are trusted. vast.ai's instance certificates name {@code jupyter.vast.ai},
 * never the instance's IP, and may be self-signed, so neither the usual CA check nor host-name
 * checks can work; instead each instance's certificate is pinned on first use (like an SSH host
 * key) and a changed certificate for the same instance is refused.
 */
public final class BackendTls {
  private final Map<InstanceId, String> pins = new ConcurrentHashMap<>();
  private final Map<InstanceId, XnioSsl> contexts = new ConcurrentHashMap<>();
  private final Map<InstanceId, String> refusals = new ConcurrentHashMap<>();

  /** The TLS context for connections to one instance, pinning its certificate. */
  XnioSsl forInstance(InstanceId id, XnioWorker worker) {
    return contexts.computeIfAbsent(id, key -> create(key, worker));
  }

  /** Backend options with host-name verification off (the pin checks identity instead). */
  OptionMap options(OptionMap base) {
    return OptionMap.builder()
        .addAll(base)
        .set(UndertowOptions.ENDPOINT_IDENTIFICATION_ALGORITHM, "")
        .getMap();
  }

  /** The SHA-256 fingerprint pinned for an instance, if it was seen. */
  public Optional<String> pinOf(InstanceId id) {
    return Optional.ofNullable(pins.get(id));
  }

  /** Why the instance's certificate was last refused, if it was since its last success. */
  public Optional<String> refusal(InstanceId id) {
    return Optional.ofNullable(refusals.get(id));
  }

  private XnioSsl create(InstanceId id, XnioWorker worker) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new PinningTrustManager(id)}, null);
      return new UndertowXnioSsl(Xnio.getInstance(), OptionMap.EMPTY, context, worker);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS is not available in this JDK", e);
    }
  }

  /** Accepts the first certificate an instance shows and only that one afterwards. */
  private final class PinningTrustManager extends X509ExtendedTrustManager {
    private final InstanceId id;

    PinningTrustManager(InstanceId id) {
      this.id = id;
    }

    private void check(X509Certificate[] chain) throws CertificateException {
      if (chain == null || chain.length == 0) {
        throw new CertificateException("instance " + id + " showed no certificate");
      }
      String fingerprint = fingerprint(chain[0]);
      String pinned = pins.putIfAbsent(id, fingerprint);
      if (pinned != null && !pinned.equals(fingerprint)) {
        String refusal = "certificate of instance " + id + " changed since first use: refused";
        refusals.put(id, refusal);
        throw new CertificateException(refusal);
      }
      refusals.remove(id);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("the proxy does not authenticate clients with TLS");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("the proxy does not authenticate clients with TLS");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("the proxy does not authenticate clients with TLS");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  private static String fingerprint(X509Certificate certificate) throws CertificateException {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new CertificateException("cannot fingerprint the certificate", e);
    }
  }
}
