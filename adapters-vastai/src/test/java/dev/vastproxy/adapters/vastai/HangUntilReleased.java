package dev.vastproxy.adapters.vastai;

import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A WireMock fault for a hung API: stubs that name it hold their answer until the test releases
 * them, so a test can look at a poll under way for as long as it needs, without sleeping.
 */
final class HangUntilReleased implements ResponseTransformerV2 {
  static final String NAME = "hang-until-released";

  /** A bound on the hang, so a test that forgets to release cannot block the server forever. */
  private static final long MAX_HANG_SECONDS = 60;

  private volatile CountDownLatch release = new CountDownLatch(1);

  /** Answers every held request and every later one at once. */
  void release() {
    release.countDown();
  }

  /** Holds the next requests again (after {@link #release()}). */
  void rearm() {
    release = new CountDownLatch(1);
  }

  @Override
  public Response transform(Response response, ServeEvent serveEvent) {
    try {
      release.await(MAX_HANG_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return response;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public String getName() {
    return NAME;
  }
}
