package dev.vastproxy.adapters.http.proxy;

import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.instance.InstanceId;
import io.undertow.client.ClientResponse;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Optional;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSinkChannel;

/**
 * Keeps one streamed completion continuable while it is relayed, and decides what happens when it
 * breaks: end it (only {@code [DONE]} was missing), continue it on another engine, or end it loudly
 * with an error event, so that SDKs raise instead of returning a truncated answer as if it were
 * complete.
 */
final class StreamRescue {
  /** A request header that turns resume off for one request: {@code X-VastProxy-Resume: off}. */
  static final HttpString RESUME_HEADER = new HttpString("X-VastProxy-Resume");

  private static final System.Logger LOG = System.getLogger(StreamRescue.class.getName());

  /** What to do with a broken stream. */
  sealed interface Plan {
    /**
     * Write these bytes and end the response.
     *
     * @param last what the client still gets
     * @param complete whether the client has the whole answer (else {@code last} is an error)
     */
    record End(byte[] last, boolean complete) implements Plan {
      /** Writes {@code last} to the client and ends the exchange (or drops a failed client). */
      void writeTo(HttpServerExchange exchange, StreamSinkChannel client) {
        BytesWriter.writeAndEnd(
            client,
            ByteBuffer.wrap(last),
            exchange::endExchange,
            e -> IoUtils.safeClose(exchange.getConnection()));
      }
    }

    /** Send this body to another engine and splice its answer in. */
    record Continue(RequestBody body) implements Plan {}
  }

  private final boolean chat;
  private final int maxResumes;
  private final DeliveredStream delivered;
  private int resumes;

  private StreamRescue(boolean chat, int maxResumes) {
    this.chat = chat;
    this.maxResumes = maxResumes;
    this.delivered = new DeliveredStream(chat);
    if (maxResumes == 0) {
      delivered.forgetText();
    }
  }

  /**
   * A rescue for an answer that is a stream of chat or text completions from a request whose body
   * is in memory; empty for anything else, which is relayed as it comes.
   */
  static Optional<StreamRescue> forAnswer(
      HttpServerExchange exchange,
      RequestBody body,
      ClientResponse response,
      ProxySettings settings) {
    if (response.getResponseCode() != 200) {
      return Optional.empty();
    }
    String contentType = response.getResponseHeaders().getFirst(Headers.CONTENT_TYPE);
    String path = exchange.getRequestPath();
    boolean chat = path.equals("/v1/chat/completions");
    if (!(chat || path.equals("/v1/completions"))
        || !body.inMemory()
        || !body.complete()
        || contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("text/event-stream")) {
      return Optional.empty();
    }
    String header = exchange.getRequestHeaders().getFirst(RESUME_HEADER);
    boolean off = header != null && header.strip().equalsIgnoreCase("off");
    return Optional.of(new StreamRescue(chat, off ? 0 : settings.resumesPerRequest()));
  }

  /**
   * How the relay writes the answer of the backend whose tokens {@code tally} counts: whole events
   * only, continuations rewritten.
   */
  ChannelRelay.Filter filter(TokenTally tally) {
    delivered.countInto(tally);
    return delivered.filter();
  }

  /** The stream broke on {@code failed}: what to do, given whether another engine can take it. */
  Plan plan(Backend failed, String reason, ByteBuffer originalBody, boolean anotherEngine) {
    if (delivered.done()) {
      return new Plan.End(new byte[0], true);
    }
    if (delivered.finished()) {
      return new Plan.End(DeliveredStream.doneEvent(), true);
    }
    String why;
    if (maxResumes == 0) {
      why = "resume is off";
    } else if (resumes >= maxResumes) {
      why = "it was resumed " + resumes + " times already";
    } else if (!anotherEngine) {
      why = "no other healthy instance serves the model";
    } else {
      Continuation continuation = Continuation.of(originalBody, chat, delivered);
      if (continuation instanceof Continuation.Request request) {
        if (request.exhausted()) {
          return new Plan.End(delivered.endAtLimit(), true);
        }
        resumes++;
        delivered.continueElsewhere();
        if (resumes >= maxResumes) {
          delivered.forgetText();
        }
        return new Plan.Continue(
            RequestBody.read(request.body(), request.body().length, true, null));
      }
      why = ((Continuation.Impossible) continuation).reason();
    }
    LOG.log(
        Level.WARNING,
        "stream on instance {0} broke after {1} tokens ({2}) and cannot be resumed: {3}",
        failed.id(),
        delivered.tokens(),
        reason,
        why);
    return new Plan.End(
        DeliveredStream.errorEvent(
            "the instance serving this stream failed after "
                + delivered.tokens()
                + " tokens and the stream cannot be resumed: "
                + why),
        false);
  }

  /**
   * Whether the stream, were it cut now, would be continued elsewhere: so that moving it off an
   * instance that leaves loses nothing. A stream that only misses {@code [DONE]} is left to finish.
   */
  boolean movable(ByteBuffer originalBody) {
    return !delivered.done()
        && !delivered.finished()
        && resumes < maxResumes
        && Continuation.of(originalBody, chat, delivered) instanceof Continuation.Request request
        && !request.exhausted();
  }

  /** Says, once, which instance took over a broken stream. */
  void tookOver(InstanceId failed, InstanceId next, String reason) {
    LOG.log(
        Level.WARNING,
        "stream on instance {0} broke after {1} tokens ({2}); instance {3} continues it",
        failed,
        delivered.tokens(),
        reason,
        next);
  }

  /** Whether the client has the whole stream, {@code [DONE]} included. */
  boolean whole() {
    return delivered.done();
  }
}
