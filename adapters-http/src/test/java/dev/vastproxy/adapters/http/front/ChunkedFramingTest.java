package dev.vastproxy.adapters.http.front;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChunkedFramingTest {
  private static final String BODY =
      "5\r\nhello\r\n"
          // data that looks like framing, and a chunk extension
          + "c;name=\"x\"\r\n0\r\n\r\nX: y\n\n\r\r\n"
          // upper-case hex, a space before an extension, a bare line feed for CRLF
          + "A ;e\n0123456789\n";

  /** Feeds the text in pieces of random size; the verdict after each piece, the last kept. */
  private static ChunkedFraming.Verdict feedInPieces(
      ChunkedFraming framing, String text, Random random) {
    ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    ChunkedFraming.Verdict verdict = ChunkedFraming.Verdict.MORE;
    int at = 0;
    while (at < bytes.limit() && verdict == ChunkedFraming.Verdict.MORE) {
      int to = Math.min(bytes.limit(), at + 1 + random.nextInt(7));
      verdict = framing.feed(bytes, at, to);
      at = to;
    }
    return verdict;
  }

  private static ChunkedFraming started(int maxTrailerBytes) {
    ChunkedFraming framing = new ChunkedFraming(maxTrailerBytes);
    framing.start();
    return framing;
  }

  @Test
  void aBodyEndsAtItsEmptyLineAfterTheLastChunkHoweverItsBytesArrive() {
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      ChunkedFraming framing = started(64);

      assertThat(feedInPieces(framing, BODY, random)).isEqualTo(ChunkedFraming.Verdict.MORE);
      assertThat(feedInPieces(framing, "0\r\n", random)).isEqualTo(ChunkedFraming.Verdict.MORE);
      assertThat(feedInPieces(framing, "\r\n", random)).isEqualTo(ChunkedFraming.Verdict.END);
      assertThat(framing.active()).isFalse();
    }
  }

  @Test
  void trailersUnderTheLimitEndTheBody() {
    ChunkedFraming framing = started(64);

    String body = BODY + "0\r\nX-Checksum: abc\r\nX-Other: 1\r\n\r\n";

    assertThat(feedInPieces(framing, body, new Random(1))).isEqualTo(ChunkedFraming.Verdict.END);
  }

  @Test
  void trailersThatNeverEndAreRefusedOncePastTheLimitHoweverTheyArrive() {
    Random random = new Random(3);
    for (int round = 0; round < 100; round++) {
      ChunkedFraming framing = started(1024);
      StringBuilder trailers = new StringBuilder(BODY + "0\r\n");
      for (int line = 0; trailers.length() < 4096; line++) {
        trailers.append("X-").append(line).append(": value\r\n");
      }

      assertThat(feedInPieces(framing, trailers.toString(), random))
          .isEqualTo(ChunkedFraming.Verdict.TOO_LARGE);
      assertThat(framing.active()).isFalse();
    }
  }

  @Test
  void oneEndlessTrailerValueIsRefusedToo() {
    ChunkedFraming framing = started(1024);

    String body = "0\r\nX: " + "v".repeat(2000);

    assertThat(feedInPieces(framing, body, new Random(5)))
        .isEqualTo(ChunkedFraming.Verdict.TOO_LARGE);
  }

  @Test
  void theLimitCountsTheEmptyLine() {
    String trailers = "X: 1\r\n\r\n";

    ChunkedFraming exact = started(trailers.length());
    ChunkedFraming under = started(trailers.length() - 1);

    assertThat(feedInPieces(exact, "0\r\n" + trailers, new Random(2)))
        .isEqualTo(ChunkedFraming.Verdict.END);
    assertThat(feedInPieces(under, "0\r\n" + trailers, new Random(2)))
        .isEqualTo(ChunkedFraming.Verdict.TOO_LARGE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // a size line without digits (Undertow reads it as the last chunk)
        "\r\n\r\n",
        "ZZZ\r\nhello\r\n",
        "5x\r\nhello\r\n",
        // a chunk longer than its size (Undertow skips to the next line feed)
        "5\r\nhelloXX\r\n0\r\n\r\n",
        "5\r\nhello\rX\n0\r\n\r\n",
        // a size that would overflow
        "10000000000000000\r\n"
      })
  void framingThatBreaksTheRfcIsMalformedHoweverItArrives(String body) {
    Random random = new Random(4);
    for (int round = 0; round < 50; round++) {
      ChunkedFraming framing = started(64);

      assertThat(feedInPieces(framing, BODY + body, random))
          .isEqualTo(ChunkedFraming.Verdict.MALFORMED);
      assertThat(framing.active()).isFalse();
    }
  }

  @Test
  void leadingZerosAndSixteenDigitsAreStillASize() {
    assertThat(feedInPieces(started(64), "00000000000000000000005\r\n", new Random(8)))
        .isEqualTo(ChunkedFraming.Verdict.MORE);
    assertThat(feedInPieces(started(64), "7FFFFFFFFFFFFFFF\r\n", new Random(8)))
        .isEqualTo(ChunkedFraming.Verdict.MORE);
  }

  @Test
  void restingItTakesNoBytesAndSaysSoUntilStarted() {
    ChunkedFraming framing = new ChunkedFraming(64);
    ByteBuffer trailer =
        ByteBuffer.wrap("X: 1\r\n".repeat(100).getBytes(StandardCharsets.US_ASCII));

    assertThat(framing.active()).isFalse();
    assertThat(framing.feed(trailer, 0, trailer.limit())).isEqualTo(ChunkedFraming.Verdict.END);

    framing.start();
    framing.stop();
    assertThat(framing.feed(trailer, 0, trailer.limit())).isEqualTo(ChunkedFraming.Verdict.END);
  }

  @Test
  void aHugeChunkIsSkippedWithoutLookingAtItsBytes() {
    ChunkedFraming framing = started(64);
    ByteBuffer data = ByteBuffer.allocate(1 << 20);

    assertThat(feedInPieces(framing, "100000\r\n", new Random(6)))
        .isEqualTo(ChunkedFraming.Verdict.MORE);
    assertThat(framing.feed(data, 0, data.limit())).isEqualTo(ChunkedFraming.Verdict.MORE);
    assertThat(feedInPieces(framing, "\r\n0\r\n\r\n", new Random(6)))
        .isEqualTo(ChunkedFraming.Verdict.END);
  }
}
