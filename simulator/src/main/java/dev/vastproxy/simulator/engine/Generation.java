package dev.vastproxy.simulator.engine;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

/**
 * One generation (chat, text completion or Responses) under way: waits the time to first token,
 * then emits tokens at the inter-token delay (streamed as SSE, or all at once as JSON) in its
 * endpoint's {@link BodyFormat}, entirely on the IO thread's timers.
 */
final class Generation {
  static final String[] WORDS = {
    "Hello", " from", " a", " simulated", " GPU", ".", " Tokens", " arrive", " one", " by", " one",
  };
  private static final AtomicLong IDS = new AtomicLong();

  private final FakeEngine engine;
  private final HttpServerExchange exchange;
  private final GenerationRequest request;
  private final SentBody sent;
  private final BodyFormat format;
  private final StringBuilder text = new StringBuilder();
  private DisconnectWatch watch;
  private SinkWriter writer;
  private XnioExecutor.Key timer;
  private int emitted;
  private boolean ended;

  Generation(
      FakeEngine engine, HttpServerExchange exchange, GenerationRequest request, SentBody sent) {
    this.engine = engine;
    this.exchange = exchange;
    this.request = request;
    this.sent = sent;
    this.format = BodyFormat.of(request, "sim-" + IDS.incrementAndGet());
  }

  void start() {
    engine.generations().started(this);
    exchange.addExchangeCompleteListener(
        (done, next) -> {
          cancelTimer();
          if (watch != null) {
            watch.stop();
          }
          engine.generations().ended(this, !ended);
          engine.slots().leave(this);
          next.proceed();
        });
    watch = DisconnectWatch.start(exchange, engine.watchPeriodMillis());
    if (request.stream()) {
      exchange.setStatusCode(200);
      exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/event-stream");
      exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
      writer = new SinkWriter(exchange.getResponseChannel(), this::failed);
      // Headers (and a Responses stream's opening events) go out at once, as vLLM and SGLang send
      // them before the first token.
      writer.write(
          utf8(frame(format.opening())),
          () -> whenAdmitted(() -> after(request.ttftMillis(), this::emitToken)));
    } else {
      whenAdmitted(
          () ->
              after(
                  request.ttftMillis() + request.delayMillis() * request.tokens(),
                  this::answerWhole));
    }
  }

  /**
   * Runs a step once the engine's scheduler gives this generation a slot: at once when one is free,
   * else when a running generation ends (then on this exchange's IO thread, not the freeing one's).
   */
  private void whenAdmitted(Runnable step) {
    engine
        .slots()
        .admit(
            this,
            () -> {
              if (exchange.getIoThread() == Thread.currentThread()) {
                step.run();
              } else {
                exchange
                    .getIoThread()
                    .execute(
                        () -> {
                          if (!exchange.isComplete()) {
                            step.run();
                          }
                        });
              }
            });
  }

  /** Stops mid-answer as an engine that dies does: its connection closes, nothing more is sent. */
  void kill() {
    exchange
        .getIoThread()
        .execute(
            () -> {
              cancelTimer();
              IoUtils.safeClose(exchange.getConnection());
            });
  }

  /** Ends the generation early, as SGLang's abort does. */
  void abort() {
    if (ended || exchange.isComplete()) {
      return;
    }
    cancelTimer();
    if (request.stream()) {
      if (writer != null) {
        finishStream("abort");
      }
    } else {
      answer(format.whole("abort", "", 0));
    }
  }

  private void emitToken() {
    if (watch != null) {
      watch.stop();
    }
    if (engine.fault() == Fault.DROP_MID_STREAM && emitted >= Math.min(3, request.tokens() / 2)) {
      IoUtils.safeClose(exchange.getConnection());
      return;
    }
    if (emitted >= request.tokens()) {
      finishStream(request.finishReason());
      return;
    }
    String word = WORDS[(request.firstWord() + emitted) % WORDS.length];
    emitted++;
    engine.slots().tokenGenerated();
    text.append(word);
    writer.write(
        utf8(frame(format.token(word))), () -> after(request.delayMillis(), this::emitToken));
  }

  private void finishStream(String reason) {
    ended = true;
    writer.write(
        utf8(frame(format.closing(reason, text.toString(), emitted))),
        () -> {
          sent.complete();
          writer.finish(exchange::endExchange);
        });
  }

  private void answerWhole() {
    for (int i = 0; i < request.tokens(); i++) {
      text.append(WORDS[(request.firstWord() + i) % WORDS.length]);
      engine.slots().tokenGenerated();
    }
    emitted = request.tokens();
    answer(format.whole(request.finishReason(), text.toString(), emitted));
  }

  private void answer(String json) {
    ended = true;
    if (watch != null) {
      watch.stop();
    }
    exchange.setStatusCode(200);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
    sent.append(json);
    sent.complete();
    exchange.getResponseSender().send(json);
  }

  private String frame(String text) {
    sent.append(text);
    return text;
  }

  private void failed(IOException e) {
    cancelTimer();
    IoUtils.safeClose(exchange.getConnection());
  }

  private void after(long millis, Runnable step) {
    if (millis <= 0) {
      // Through the IO thread's queue, not a direct call: a long zero-delay stream whose writes
      // complete at once would otherwise recurse one level per token.
      exchange.getIoThread().execute(step);
    } else {
      timer = exchange.getIoThread().executeAfter(step, millis, TimeUnit.MILLISECONDS);
    }
  }

  private void cancelTimer() {
    if (timer != null) {
      timer.remove();
      timer = null;
    }
  }

  private static ByteBuffer utf8(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }
}
