package dev.vastproxy.adapters.http.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vastproxy.adapters.http.ScriptedEngine;
import dev.vastproxy.domain.endpoint.Endpoint;
import dev.vastproxy.domain.endpoint.Scheme;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.instance.Secret;
import io.undertow.util.Methods;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The cap on an engine's answer head, on the connections the proxy's own calls use too. */
class ResponseLimitsIT {
  private static final InstanceId ID = new InstanceId(9);

  private final OwnCalls own = new OwnCalls();
  private ScriptedEngine engine;

  @AfterEach
  void stop() throws Exception {
    engine.close();
    own.close();
  }

  private BackendCall.Answer post(String marker) throws Exception {
    Endpoint endpoint = new Endpoint(Scheme.HTTP, "127.0.0.1", engine.port(), Secret.of(""));
    byte[] body = ("{\"marker\":\"" + marker + "\"}").getBytes(StandardCharsets.UTF_8);
    return own.calls()
        .send(ID, endpoint, Methods.POST, "/v1/completions", body, Duration.ofSeconds(20))
        .get(30, TimeUnit.SECONDS);
  }

  @ParameterizedTest
  @EnumSource(
      value = ScriptedEngine.Answer.class,
      names = {"LARGE", "LARGE_CHUNKED"})
  void aLargeHeadUnderTheLimitAndTheBodyAfterItAreReadWholeAgainOnTheSameConnection(
      ScriptedEngine.Answer large) throws Exception {
    engine = new ScriptedEngine().answer(large);

    for (int i = 0; i < 3; i++) {
      BackendCall.Answer answer = post("large");

      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.headers().getFirst("X-Filler-" + (ScriptedEngine.FILLER_HEADERS - 1)))
          .isNotNull();
      assertThat(answer.body()).hasSize(ScriptedEngine.LARGE_BODY);
    }
    // Body bytes never count against the head, and each exchange starts its count anew.
    assertThat(engine.connections()).isEqualTo(1);
  }

  @Test
  void aHeadThatNeverEndsFailsTheCallAndClosesTheConnectionWhileTheEngineIsStillSending()
      throws Exception {
    engine = new ScriptedEngine().answer(ScriptedEngine.Answer.ENDLESS_HEAD);

    assertThatThrownBy(() -> post("endless"))
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("answer head did not end within 80 KiB");
    await().atMost(Duration.ofSeconds(10)).until(() -> engine.endlessAnswersBeingSent() == 0);
  }

  @Test
  void trailersThatNeverEndFailTheCallAndCloseTheConnectionWhileTheEngineIsStillSending()
      throws Exception {
    engine = new ScriptedEngine().answer(ScriptedEngine.Answer.ENDLESS_TRAILERS);

    assertThatThrownBy(() -> post("endless"))
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("answer trailers did not end within 80 KiB");
    await().atMost(Duration.ofSeconds(10)).until(() -> engine.endlessAnswersBeingSent() == 0);
  }
}
