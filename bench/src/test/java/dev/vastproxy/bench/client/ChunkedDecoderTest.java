package dev.vastproxy.bench.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChunkedDecoderTest {
  private final ByteArrayOutputStream decoded = new ByteArrayOutputStream();

  private boolean feed(ChunkedDecoder decoder, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    return decoder.feed(bytes, 0, bytes.length, decoded::write);
  }

  @Test
  void decodesChunksSplitAnywhere() {
    String body = "5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\n\r\n";
    ChunkedDecoder decoder = new ChunkedDecoder();
    boolean done = false;
    for (char c : body.toCharArray()) {
      assertThat(done).isFalse();
      done = feed(decoder, String.valueOf(c));
    }

    assertThat(done).isTrue();
    assertThat(decoder.done()).isTrue();
    assertThat(decoded.toString(StandardCharsets.ISO_8859_1)).isEqualTo("hello, world");
  }

  @Test
  void readsTrailersAndBareLineFeeds() {
    ChunkedDecoder decoder = new ChunkedDecoder();

    assertThat(feed(decoder, "A\r\n0123456789\r\n0\r\nX-Trailer: yes\r\n\r\n")).isTrue();
    assertThat(decoded.size()).isEqualTo(10);
    ChunkedDecoder bare = new ChunkedDecoder();
    assertThat(feed(bare, "2;x\nab\r\n0\r\n\r\n")).isTrue();
  }

  @Test
  void refusesBrokenFraming() {
    assertThatThrownBy(() -> feed(new ChunkedDecoder(), "zz\r\n"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> feed(new ChunkedDecoder(), "1\r\nab"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> feed(new ChunkedDecoder(), "1\rx"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> feed(new ChunkedDecoder(), "1\r\na\rx"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> feed(new ChunkedDecoder(), "fffffffffffffffff\r\n"))
        .isInstanceOf(IllegalStateException.class);
  }
}
