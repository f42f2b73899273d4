package dev.vastproxy.adapters.http.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Only end-to-end headers cross the proxy. */
class HopByHopHeadersTest {

  @Test
  void dropsHopByHopHeadersAndThoseTheConnectionHeaderNames() {
    HeaderMap from = new HeaderMap();
    from.add(new HttpString("Connection"), "keep-alive, X-Drop-Me ,x-also");
    from.add(new HttpString("Connection"), "close");
    from.add(new HttpString("Keep-Alive"), "timeout=5");
    from.add(new HttpString("TE"), "trailers");
    from.add(new HttpString("Upgrade"), "h2c");
    from.add(new HttpString("X-Drop-Me"), "1");
    from.add(new HttpString("X-Also"), "2");
    from.add(new HttpString("X-Skipped"), "3");
    from.add(new HttpString("Content-Type"), "application/json");
    from.add(new HttpString("Accept"), "a");
    from.add(new HttpString("Accept"), "b");
    from.add(new HttpString("X-Set"), "client");
    HeaderMap to = new HeaderMap();
    to.put(new HttpString("X-Set"), "proxy");

    HopByHopHeaders.copy(from, to, Set.of(new HttpString("X-Skipped")));

    assertThat(to.getHeaderNames())
        .extracting(HttpString::toString)
        .containsExactlyInAnyOrder("Content-Type", "Accept", "X-Set");
    assertThat(to.get("Accept")).containsExactly("a", "b");
    assertThat(to.get("X-Set")).containsExactly("proxy");
  }

  @Test
  void aPlainKeepAliveDropsNothingElse() {
    HeaderMap from = new HeaderMap();
    from.add(new HttpString("Connection"), "Keep-Alive");
    from.add(new HttpString("Authorization-Extra"), "x");
    HeaderMap to = new HeaderMap();

    HopByHopHeaders.copy(from, to, Set.of());

    assertThat(to.getHeaderNames())
        .extracting(HttpString::toString)
        .containsExactly("Authorization-Extra");
  }
}
