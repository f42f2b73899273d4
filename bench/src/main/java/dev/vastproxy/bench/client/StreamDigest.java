package dev.vastproxy.bench.client;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * A fingerprint of an SSE body with what legitimately varies taken out (each completion's {@code
 * "id"} value and each event's {@code "t"} send time), so that every stream of one workload, direct
 * or proxied, must match the first direct one byte for byte.
 *
 * @param crc CRC-32 of the normalised bytes
 * @param length how many normalised bytes there were
 */
public record StreamDigest(long crc, long length) {
  private static final byte[] ID = "\"id\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] T = "\"t\":".getBytes(StandardCharsets.US_ASCII);

  /** Builds a digest event by event. */
  static final class Builder {
    private final CRC32 crc = new CRC32();
    private long length;

    /** Adds one event's bytes, normalised. */
    void event(byte[] bytes, int length) {
      int start = 0;
      int i = 0;
      while (i < length) {
        if (matches(bytes, i, length, ID)) {
          i += ID.length;
          add(bytes, start, i);
          while (i < length && bytes[i] != '"') {
            i++;
          }
          start = i;
        } else if (matches(bytes, i, length, T)) {
          i += T.length;
          add(bytes, start, i);
          while (i < length && (bytes[i] == '-' || (bytes[i] >= '0' && bytes[i] <= '9'))) {
            i++;
          }
          start = i;
        } else {
          i++;
        }
      }
      add(bytes, start, length);
    }

    private void add(byte[] bytes, int from, int to) {
      crc.update(bytes, from, to - from);
      length += to - from;
    }

    StreamDigest build() {
      return new StreamDigest(crc.getValue(), length);
    }

    private static boolean matches(byte[] bytes, int at, int length, byte[] pattern) {
      if (at + pattern.length > length) {
        return false;
      }
      for (int k = 0; k < pattern.length; k++) {
        if (bytes[at + k] != pattern[k]) {
          return false;
        }
      }
      return true;
    }
  }
}
