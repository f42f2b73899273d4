package dev.vastproxy.adapters.vastai;

import dev.vastproxy.domain.instance.StopMark;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The proxy's stop mark as it is kept in a vast.ai label, after the owner's own text: {@code
 * inference [stopped by vastproxy at 2026-11-30T21:00:05Z for Qwen/Qwen3-8B]}. Readable in the
 * console; a model's blanks, {@code %} and {@code ]} are percent-encoded. A label that does not end
 * in a well-formed mark is the owner's text, whole.
 */
final class StopMarkLabel {
  /** vast.ai's longest label; models that do not fit are left out of the mark. */
  static final int MAX_LENGTH = 1024;

  private static final String HEX = "0123456789ABCDEF";
  private static final String OPEN = "[stopped by vastproxy at ";
  private static final Pattern MARK =
      Pattern.compile("^(?:(.*?)\\s+)?\\[stopped by vastproxy at (\\S+?)(?: for ([^\\]]+))?\\]$");

  /** A label split into the owner's text and the mark. */
  record Parts(Optional<String> label, Optional<StopMark> mark) {}

  private StopMarkLabel() {}

  /** The owner's text and the mark of a label as listed (stripped, non-empty). */
  static Parts read(String text) {
    Matcher matcher = MARK.matcher(text);
    if (!matcher.matches()) {
      return new Parts(Optional.of(text), Optional.empty());
    }
    Instant at;
    try {
      at = Instant.parse(matcher.group(2));
    } catch (DateTimeParseException e) {
      return new Parts(Optional.of(text), Optional.empty());
    }
    List<String> models = new ArrayList<>();
    if (matcher.group(3) != null) {
      for (String model : matcher.group(3).strip().split(" +")) {
        models.add(decode(model));
      }
    }
    StopMark mark;
    try {
      mark = new StopMark(at, models);
    } catch (IllegalArgumentException e) {
      return new Parts(Optional.of(text), Optional.empty());
    }
    String owners = matcher.group(1);
    return new Parts(
        owners == null || owners.isBlank() ? Optional.empty() : Optional.of(owners.strip()),
        Optional.of(mark));
  }

  /**
   * The label to write: the owner's text, then the mark, when there is one. The mark's time is
   * rounded up to the second, so that it never reads earlier than the stop. Models that would make
   * the label longer than vast.ai takes are left out, from the last.
   */
  static String write(Optional<String> label, Optional<StopMark> mark) {
    String owners = label.map(String::strip).orElse("");
    if (mark.isEmpty()) {
      return owners;
    }
    Instant at = mark.get().at();
    Instant rounded = at.truncatedTo(ChronoUnit.SECONDS);
    if (rounded.isBefore(at)) {
      rounded = rounded.plusSeconds(1);
    }
    StringBuilder text = new StringBuilder(owners);
    if (!owners.isEmpty()) {
      text.append(' ');
    }
    text.append(OPEN).append(rounded);
    List<String> models = mark.get().models();
    for (int i = 0; i < models.size(); i++) {
      String next = (i == 0 ? " for " : " ") + encode(models.get(i));
      if (text.length() + next.length() + 1 > MAX_LENGTH) {
        break;
      }
      text.append(next);
    }
    return text.append(']').toString();
  }

  private static String encode(String model) {
    StringBuilder out = new StringBuilder(model.length());
    model
        .codePoints()
        .forEach(
            point -> {
              if (point <= ' '
                  || point == '%'
                  || point == ']'
                  || Character.isWhitespace(point)
                  || Character.isISOControl(point)) {
                for (byte b : Character.toString(point).getBytes(StandardCharsets.UTF_8)) {
                  out.append('%').append(HEX.charAt(b >> 4 & 15)).append(HEX.charAt(b & 15));
                }
              } else {
                out.appendCodePoint(point);
              }
            });
    return out.toString();
  }

  private static String decode(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[bytes.length];
    int n = 0;
    for (int i = 0; i < bytes.length; i++) {
      int high = i + 2 < bytes.length ? Character.digit(bytes[i + 1], 16) : -1;
      int low = i + 2 < bytes.length ? Character.digit(bytes[i + 2], 16) : -1;
      if (bytes[i] == '%' && high >= 0 && low >= 0) {
        out[n++] = (byte) (high << 4 | low);
        i += 2;
      } else {
        out[n++] = bytes[i];
      }
    }
    return new String(out, 0, n, StandardCharsets.UTF_8);
  }
}
