package dev.vastproxy.adapters.http.front;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vastproxy.adapters.http.front.RequestHeadScanner.Verdict;
import java.nio.ByteBuffer;
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

  @Test
  void aHeadOfExactlyTheLimitEndsAndOneByteMoreIsTooLarge() {
    String head = "GET / HTTP/1.1\r\nX: ";
    String exact = head + "a".repeat(64 - head.length() - 4) + "\r\n\r\n";

    assertThat(exact).hasSize(64);
    assertThat(feed(new RequestHeadScanner(64), exact)).isEqualTo(Verdict.END);
    assertThat(feed(new RequestHeadScanner(64), exact.replace("X: ", "X: a")))
        .isEqualTo(Verdict.TOO_LARGE);
  }

  @Test
  void theVerdictDoesNotDependOnHowTheBytesAreSplit() {
    String[] heads = {
      "\r\n\r\nGET /v1/models HTTP/1.1\r\nHost: a\r\nAccept: */*\r\n\r\nbody",
      "GET / HTTP/2.0\r\nHost: a\r\n\r\n",
      "GET /" + "x".repeat(40) + " HTTP/1.0\nHost: a\n\n",
      "GET / HTTP/1.1\r\nX: " + "b".repeat(100) + "\r\n\r\n",
      "GET\r\n\r\n"
    };
    for (String head : heads) {
      Verdict whole = feed(new RequestHeadScanner(96), head);
      for (int cut = 0; cut <= head.length(); cut++) {
        RequestHeadScanner scanner = new RequestHeadScanner(96);
        Verdict first = feed(scanner, head.substring(0, cut));
        Verdict split = first != Verdict.MORE ? first : feed(scanner, head.substring(cut));
        assertThat(split).as("%s cut at %d", head, cut).isEqualTo(whole);
      }
      RequestHeadScanner scanner = new RequestHeadScanner(96);
      Verdict byByte = Verdict.MORE;
      for (int i = 0; i < head.length() && byByte == Verdict.MORE; i++) {
        byByte = feed(scanner, head.substring(i, i + 1));
      }
      assertThat(byByte).as(head).isEqualTo(whole);
    }
  }

  @Test
  void aBufferIsReadBetweenTheGivenIndexesOnly() {
    byte[] bytes =
        "HTTP/9.9 GET / HTTP/1.1\r\n\r\nGET / HTTP/9.9\r\n".getBytes(StandardCharsets.US_ASCII);
    ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();

    assertThat(new RequestHeadScanner(1024).feed(buffer, 9, 27)).isEqualTo(Verdict.END);
    assertThat(new RequestHeadScanner(1024).feed(buffer, 9, 26)).isEqualTo(Verdict.MORE);
  }

  private static Verdict feed(RequestHeadScanner scanner, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    // Offset in a larger buffer, as a read lands after what the buffer already holds.
    ByteBuffer buffer = ByteBuffer.allocate(bytes.length + 10);
    buffer.position(7);
    buffer.put(bytes);
    return scanner.feed(buffer, 7, 7 + bytes.length);
  }
}
