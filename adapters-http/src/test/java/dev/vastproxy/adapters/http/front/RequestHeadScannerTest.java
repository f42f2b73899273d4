package dev.vastproxy.adapters.http.front;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vastproxy.adapters.http.front.RequestHeadScanner.Verdict;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestHeadScannerTest {
  @Test
  void aHeadEndsAtItsBlankLineAndTheScannerRestsUntilTold() {
    RequestHeadScanner scanner = new RequestHeadScanner(1024);

    assertThat(feed(scanner, "\r\nGET / HTTP/1.1\r\nHost: a\r\n\r")).isEqualTo(Verdict.MORE);
    assertThat(feed(scanner, "\n")).isEqualTo(Verdict.END);
    assertThat(scanner.active()).isFalse();
    assertThat(feed(scanner, "GET / HTTP/9.9\r\n")).isEqualTo(Verdict.MORE);

    scanner.expectHead();
    assertThat(feed(scanner, "GET / HTTP/9.9\r\n")).isEqualTo(Verdict.BAD_VERSION);
  }

  @Test
  void aHeadWithoutHeadersEndsToo() {
    assertThat(feed(new RequestHeadScanner(1024), "GET / HTTP/1.0\r\n\r\n")).isEqualTo(Verdict.END);
  }

  @Test
  void onlyWellFormedVersionsOtherThan10And11AreRefused() {
    for (String line :
        new String[] {
          "GET / HTTP/1.0",
          "GET / HTTP/1.1",
          "GET /",
          "GET / HTTP/1.10",
          "GET / HTTPS/1.1",
          "GET / HTTP/1x1",
          "GET / HTTP/a.1",
          "GET / HTTP/1.b",
          "GET"
        }) {
      assertThat(feed(new RequestHeadScanner(1024), line + "\r\n"))
          .as(line)
          .isEqualTo(Verdict.MORE);
    }
    for (String line : new String[] {"GET / HTTP/0.9", "GET / HTTP/2.0", "PRI * HTTP/2.0"}) {
      assertThat(feed(new RequestHeadScanner(1024), line + "\r\n"))
          .as(line)
          .isEqualTo(Verdict.BAD_VERSION);
    }
  }

  @Test
  void aLongRequestLineKeepsOnlyItsTail() {
    String line = "GET /" + "x".repeat(500) + " HTTP/7.7\r\n";

    assertThat(feed(new RequestHeadScanner(1024), line)).isEqualTo(Verdict.BAD_VERSION);
  }

  @Test
  void aHeadOverTheLimitIsTooLargeWhereverItIs() {
    RequestHeadScanner scanner = new RequestHeadScanner(64);

    assertThat(feed(scanner, "GET / HTTP/1.1\r\nX: " + "a".repeat(64)))
        .isEqualTo(Verdict.TOO_LARGE);
    assertThat(scanner.active()).isFalse();
    assertThatThrownBy(() -> new RequestHeadScanner(63))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Verdict feed(RequestHeadScanner scanner, String text) {
    Verdict verdict = Verdict.MORE;
    for (byte b : text.getBytes(StandardCharsets.ISO_8859_1)) {
      verdict = scanner.feed(b);
      if (verdict != Verdict.MORE) {
        return verdict;
      }
    }
    return verdict;
  }
}
