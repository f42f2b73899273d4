package dev.vastproxy.domain.instance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which of the account's instances the proxy enrols: every one (the default), or those matching any
 * of a few terms — {@code label:<pattern>}, {@code image:<pattern>}, {@code id:<number>} — written
 * comma-separated, e.g. {@code label:inference,image:vastai/vllm*,id:31812887}. In a pattern {@code
 * *} stands for any text and {@code ?} for one character; labels compare exactly, images without
 * regard to case, and an image pattern without a tag also matches every tag of that image.
 */
public final class InstanceSelection {
  private static final InstanceSelection ALL = new InstanceSelection(List.of(), "all");
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");
  private static final String USAGE =
      "use label:<pattern>, image:<pattern> or id:<number>, separated by commas (e.g."
          + " label:inference,image:vastai/vllm*,id:31812887), or all";

  private final List<Term> terms;
  private final String text;

  private InstanceSelection(List<Term> terms, String text) {
    this.terms = List.copyOf(terms);
    this.text = text;
  }

  /** Every instance of the account. */
  public static InstanceSelection all() {
    return ALL;
  }

  /**
   * The selection a setting's text names; empty text or {@code all} selects every instance.
   *
   * @throws IllegalArgumentException with a one-line explanation naming the bad term and the fix
   */
  public static InstanceSelection parse(String text) {
    Objects.requireNonNull(text, "text");
    String stripped = text.strip();
    if (stripped.isEmpty() || stripped.equalsIgnoreCase("all")) {
      return ALL;
    }
    List<Term> terms = new ArrayList<>();
    for (String raw : stripped.split(",", -1)) {
      terms.add(term(raw.strip()));
    }
    return new InstanceSelection(terms, String.join(",", terms.stream().map(Term::text).toList()));
  }

  private static Term term(String raw) {
    if (raw.isEmpty()) {
      throw new IllegalArgumentException("an empty term (two commas in a row?): " + USAGE);
    }
    int colon = raw.indexOf(':');
    String kind = colon < 0 ? "" : raw.substring(0, colon).strip().toLowerCase(Locale.ROOT);
    String value = colon < 0 ? "" : raw.substring(colon + 1).strip();
    if (!(kind.equals("label") || kind.equals("image") || kind.equals("id"))) {
      throw new IllegalArgumentException("\"" + raw + "\" is not a selector: " + USAGE);
    }
    if (value.isEmpty()) {
      throw new IllegalArgumentException("\"" + raw + "\" names no " + kind + ": " + USAGE);
    }
    if (value.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException(
          "\"" + raw + "\" has a space in its " + kind + ": " + USAGE);
    }
    if (kind.equals("id")) {
      if (!DIGITS.matcher(value).matches() || Long.parseLong(value) <= 0) {
        throw new IllegalArgumentException(
            "\"" + raw + "\" is not an instance id (a positive number): " + USAGE);
      }
      return new Term(Kind.ID, value, null);
    }
    if (kind.equals("label")) {
      return new Term(Kind.LABEL, value, glob(value, 0));
    }
    return new Term(
        Kind.IMAGE, value.toLowerCase(Locale.ROOT), glob(value, Pattern.CASE_INSENSITIVE));
  }

  private static Pattern glob(String pattern, int flags) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      if (c == '*') {
        regex.append(".*");
      } else if (c == '?') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(Character.toString(c)));
      }
    }
    return Pattern.compile(regex.toString(), flags | Pattern.DOTALL);
  }

  /** Whether every instance is selected. */
  public boolean selectsAll() {
    return terms.isEmpty();
  }

  /** Whether the instance is selected. */
  public boolean matches(Instance instance) {
    if (terms.isEmpty()) {
      return true;
    }
    for (Term term : terms) {
      if (term.matches(instance)) {
        return true;
      }
    }
    return false;
  }

  /** The labels the selection names exactly (no pattern characters), e.g. to refuse our own. */
  public List<String> labels() {
    return terms.stream().filter(term -> term.kind == Kind.LABEL).map(Term::value).toList();
  }

  /** The selection as a setting would write it, e.g. {@code label:inference,id:31812887}. */
  @Override
  public String toString() {
    return text;
  }

  private enum Kind {
    LABEL,
    IMAGE,
    ID
  }

  private record Term(Kind kind, String value, Pattern pattern) {
    String text() {
      return kind.name().toLowerCase(Locale.ROOT) + ":" + value;
    }

    boolean matches(Instance instance) {
      return switch (kind) {
        case ID -> Long.toString(instance.id().value()).equals(value);
        case LABEL -> instance.label().map(l -> pattern.matcher(l).matches()).orElse(false);
        case IMAGE -> imageMatches(instance.rental().image());
      };
    }

    private boolean imageMatches(String image) {
      if (image.isEmpty()) {
        return false;
      }
      if (pattern.matcher(image).matches()) {
        return true;
      }
      int slash = image.lastIndexOf('/');
      int colon = image.indexOf(':', slash + 1);
      return colon > 0 && pattern.matcher(image.substring(0, colon)).matches();
    }
  }
}
