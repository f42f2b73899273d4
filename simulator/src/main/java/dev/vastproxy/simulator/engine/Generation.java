package dev.vastproxy.simulator.engine;

import dev.vastproxy.simulator.ChatChunks;
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
 * One completion being generated: waits the time to first token, then emits tokens at the
 * inter-token delay (streamed as SSE, or all at once as JSON), entirely on the IO thread's timers.
 */
final class Generation {
  private static final String[] WORDS = {
    "Hello", " from", " a", " simulated", " GPU", ".", " Tokens", " arrive", " one", " by", " one",
  };
  private static final AtomicLong IDS = new AtomicLong();

  private final FakeEngine engine;
  private final HttpServerExchange exchange;
  private final GenerationRequest request;
  private final SentBody sent;
  private final String id = "cmpl-sim-" + IDS.incrementAndGet();
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
  }

  void start() {
    engine.generationStarted(this);
    exchange.addExchangeCompleteListener(
        (done, next) -> {
          cancelTimer();
          if (watch != null) {
            watch.stop();
          }
          engine.generationEnded(this, !ended);
          next.proceed();
        });
    watch = DisconnectWatch.start(exchange, engine.watchPeriodMillis());
    if (request.stream()) {
      exchange.setStatusCode(200);
      exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/event-stream");
      exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
      writer = new SinkWriter(exchange.getResponseChannel(), this::failed);
      // Headers go out at once, as vLLM and SGLang send them before the first token.
      writer.write(ByteBuffer.allocate(0), () -> after(request.ttftMillis(), this::emitToken));
    } else {
      after(request.ttftMillis() + request.delayMillis() * request.tokens(), this::answerWhole);
    }
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
      answer(completionJson("abort"));
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
      finishStream("stop");
      return;
    }
    String word = WORDS[emitted % WORDS.length];
    emitted++;
    String json =
        request.chat()
            ? ChatChunks.chatChunk(id, request.model(), word, System.nanoTime())
            : textChunk(word);
    writer.write(
        utf8(frame(ChatChunks.frame(json))), () -> after(request.delayMillis(), this::emitToken));
  }

  private void finishStream(String reason) {
    ended = true;
    StringBuilder tail = new StringBuilder();
    tail.append(ChatChunks.frame(finalChunk(reason)));
    if (request.includeUsage()) {
      tail.append(ChatChunks.frame(usageChunk()));
    }
    tail.append(ChatChunks.DONE);
    writer.write(
        utf8(frame(tail.toString())),
        () -> {
          sent.complete();
          writer.finish(exchange::endExchange);
        });
  }

  private void answerWhole() {
    answer(completionJson("stop"));
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

  private String textChunk(String word) {
    return "{\"id\":\""
        + id
        + "\",\"object\":\"text_completion\",\"created\":1786003700,\"model\":"
        + JsonText.quote(request.model())
        + ",\"choices\":[{\"index\":0,\"text\":"
        + JsonText.quote(word)
        + ",\"finish_reason\":null}],\"t\":"
        + System.nanoTime()
        + "}";
  }

  private String finalChunk(String reason) {
    String object = request.chat() ? "chat.completion.chunk" : "text_completion";
    String choice =
        request.chat()
            ? "{\"index\":0,\"delta\":{},\"finish_reason\":\"" + reason + "\"}"
            : "{\"index\":0,\"text\":\"\",\"finish_reason\":\"" + reason + "\"}";
    return "{\"id\":\""
        + id
        + "\",\"object\":\""
        + object
        + "\",\"created\":1786003700,\"model\":"
        + JsonText.quote(request.model())
        + ",\"choices\":["
        + choice
        + "]}";
  }

  private String usageChunk() {
    return "{\"id\":\""
        + id
        + "\",\"object\":\"chat.completion.chunk\",\"created\":1786003700,"
        + "\"model\":"
        + JsonText.quote(request.model())
        + ",\"choices\":[],\"usage\":"
        + usage()
        + "}";
  }

  private String usage() {
    return "{\"prompt_tokens\":12,\"completion_tokens\":"
        + emitted
        + ",\"total_tokens\":"
        + (12 + emitted)
        + "}";
  }

  private String completionJson(String reason) {
    StringBuilder text = new StringBuilder();
    int count = reason.equals("stop") ? request.tokens() : 0;
    for (int i = 0; i < count; i++) {
      text.append(WORDS[i % WORDS.length]);
    }
    emitted = count;
    String choice =
        request.chat()
            ? "{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                + JsonText.quote(text.toString())
                + "},\"finish_reason\":\""
                + reason
                + "\"}"
            : "{\"index\":0,\"text\":"
                + JsonText.quote(text.toString())
                + ",\"finish_reason\":\""
                + reason
                + "\"}";
    return "{\"id\":\""
        + id
        + "\",\"object\":\""
        + (request.chat() ? "chat.completion" : "text_completion")
        + "\",\"created\":1786003700,\"model\":"
        + JsonText.quote(request.model())
        + ",\"choices\":["
        + choice
        + "],\"usage\":"
        + usage()
        + "}";
  }

  private static ByteBuffer utf8(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }
}
