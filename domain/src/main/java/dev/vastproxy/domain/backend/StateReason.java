package dev.vastproxy.domain.backend;

import java.util.Locale;
import java.util.Objects;

/**
 * Why a backend is in its state: a cause from a small fixed set, so that metrics can count by it,
 * and a detail for people (the status code, the error text), never a secret.
 *
 * @param cause what kind of event put the backend there
 * @param detail what exactly was seen, one line
 */
public record StateReason(Cause cause, String detail) {
  /** The longest detail kept: a line on a dashboard card or in a log, not a stack trace. */
  public static final int MAX_DETAIL = 200;

  /** What kind of event moved a backend, or kept it where it is. */
  public enum Cause {
    /** vast.ai listed the instance as running. */
    LISTED("listed"),
    /** A first health check is under way. */
    PROBING("probing"),
    /** A health check answered 200 with a model list. */
    MODEL_LIST("model list"),
    /** vast.ai's instance portal answered its placeholder: the engine is still loading. */
    PLACEHOLDER("loading"),
    /** A health check was refused with 401 or 403: a wrong token. */
    PROBE_AUTH("probe refused token"),
    /** A health check answered another status than 200. */
    PROBE_STATUS("probe status"),
    /** A health check answered 200 with something else than a model list. */
    NOT_A_MODEL_LIST("not a model list"),
    /** A health check could not connect: refused, or the connect timed out. */
    CONNECT_REFUSED("connect refused"),
    /** A health check got no answer in time. */
    PROBE_TIMEOUT("probe timeout"),
    /** The instance's TLS certificate was refused (changed since first use, or broken). */
    TLS("tls"),
    /** A health check failed some other way. */
    PROBE_ERROR("probe error"),
    /** A proxied request could not connect to it. */
    UNREACHABLE("unreachable"),
    /** Proxied requests failed in transport, repeatedly, across different requests. */
    REQUEST_FAILURES("request failures"),
    /** vast.ai no longer lists it as running. */
    GONE("gone"),
    /** The idle guard stopped or destroyed it: it served no request for the configured time. */
    IDLE("idle");

    private final String text;
    private final String label;

    Cause(String text) {
      this.text = text;
      this.label = name().toLowerCase(Locale.ROOT);
    }

    /** A few words for people. */
    public String text() {
      return text;
    }

    /** The snake_case form used as a metric label value. */
    public String label() {
      return label;
    }
  }

  public StateReason {
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(detail, "detail");
    detail = oneLine(detail);
  }

  /** A reason with a detail. */
  public static StateReason of(Cause cause, String detail) {
    return new StateReason(cause, detail);
  }

  /** The reason of a newly listed instance. */
  public static StateReason listed() {
    return new StateReason(Cause.LISTED, "listed as running by vast.ai");
  }

  /** Cause and detail in one line, e.g. {@code probe status: HTTP 500}. */
  public String describe() {
    return detail.isEmpty() ? cause.text() : cause.text() + ": " + detail;
  }

  private static String oneLine(String text) {
    String flat = text.strip().replaceAll("\\s+", " ");
    return flat.length() <= MAX_DETAIL ? flat : flat.substring(0, MAX_DETAIL - 3) + "...";
  }
}
