package dev.vastproxy.adapters.http.relay;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;
import org.xnio.channels.StreamSourceChannel;

/**
 * A request's body as its exchange holds it: none, wholly in memory (it can be sent again), a
 * prefix in memory with the rest still in the client's channel, or all of it still there.
 */
final class RequestBody {
  private static final RequestBody NONE = new RequestBody(null, 0, true, Optional.empty());

  private final byte[] bytes;
  private final int length;
  private final boolean complete;
  private final Optional<StreamSourceChannel> rest;

  private RequestBody(
      byte[] bytes, int length, boolean complete, Optional<StreamSourceChannel> rest) {
    this.bytes = bytes;
    this.length = length;
    this.complete = complete;
    this.rest = rest;
  }

  /** A request without a body. */
  static RequestBody none() {
    return NONE;
  }

  /** A body left in the client's channel, to be streamed to the backend as it comes. */
  static RequestBody streamed(StreamSourceChannel channel) {
    return new RequestBody(null, 0, false, Optional.of(channel));
  }

  /** A body read into memory: whole, or its first {@code length} bytes and the rest in channel. */
  static RequestBody read(byte[] bytes, int length, boolean complete, StreamSourceChannel channel) {
    Objects.requireNonNull(bytes, "bytes");
    return new RequestBody(
        bytes, length, complete, complete ? Optional.empty() : Optional.of(channel));
  }

  /** Whether some or all of it is in memory. */
  boolean inMemory() {
    return bytes != null;
  }

  /** Whether all of it is in memory (or there is none). */
  boolean complete() {
    return complete;
  }

  /** Whether some of it is still to be read from the client. */
  boolean streamed() {
    return rest.isPresent();
  }

  /** Whether it can be sent again from its start: it is all in memory, or there is none. */
  boolean replayable() {
    return complete;
  }

  /** The bytes in memory, as a fresh buffer each call (each send starts from the first byte). */
  ByteBuffer bytes() {
    return ByteBuffer.wrap(bytes, 0, length);
  }

  /** Bytes in memory. */
  int length() {
    return length;
  }

  /** Bytes of memory held for it (the array, which may be larger than the body). */
  int held() {
    return bytes == null ? 0 : bytes.length;
  }

  /** The client's channel the rest comes from. */
  StreamSourceChannel channel() {
    return rest.orElseThrow();
  }
}
