package dev.vastproxy.adapters.tui;

import dev.vastproxy.application.port.in.FleetView;
import dev.vastproxy.application.port.in.TrafficSummary;
import dev.vastproxy.domain.backend.RescueCounts;
import dev.vastproxy.domain.cost.TokenCost;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The header's lines: {@code Listening on <addr> | <n> backends (<m> healthy) | <p>% sticky |
 * $<cost>/h | <t> tok | $<c>/Mtok | <k> in flight | <q> queued | <h> held | <r> req/s | <a> retried
 * | <b> resumed | <c> not resumable | <d> resume failed}, wrapped between parts to the terminal
 * width. The sticky part appears once requests were seen; the token parts once a token was served
 * ({@code ~} when the count is partly estimated); queued (what the engines report waiting) once an
 * engine reports its load; held (what the proxy's waiting room holds) while it holds any; the
 * rescue parts once one happened, each only when not zero (resumed always then, as the figure the
 * others are read against).
 */
public final class HeaderText {
  private static final String SEPARATOR = " | ";

  private HeaderText() {}

  /** The header lines for a view, none wider than {@code width} unless one part alone is. */
  public static List<String> lines(FleetView view, VisibleFleet cards, String listen, int width) {
    List<String> parts = new ArrayList<>();
    parts.add("Listening on " + listen);
    int count = cards.backends().size();
    parts.add(
        count + (count == 1 ? " backend" : " backends") + " (" + cards.healthy() + " healthy)");
    TrafficSummary traffic = view.traffic();
    traffic.stickyShare().ifPresent(share -> parts.add(Math.round(share * 100) + "% sticky"));
    parts.add(String.format(Locale.ROOT, "$%.2f/h", view.dollarsPerHour()));
    TokenCost cost = view.cost();
    if (cost.tokens().total() > 0) {
      parts.add(
          (cost.tokens().estimated() ? "~" : "") + CostLine.count(cost.tokens().total()) + " tok");
      parts.add(CostLine.perMillion(cost.dollarsPerMillionTokens()));
    }
    parts.add(traffic.inFlight() + " in flight");
    if (view.fleet().backends().stream().anyMatch(b -> b.load().signals().reading().isPresent())) {
      parts.add(view.queued() + " queued");
    }
    if (traffic.held() > 0) {
      parts.add(traffic.held() + " held");
    }
    parts.add(String.format(Locale.ROOT, "%.1f req/s", traffic.requestsPerSecond()));
    addRescues(parts, traffic.rescues());
    return wrap(parts, width);
  }

  private static void addRescues(List<String> parts, RescueCounts rescues) {
    if (rescues.isEmpty()) {
      return;
    }
    if (rescues.retriedBeforeFirstByte() > 0) {
      parts.add(rescues.retriedBeforeFirstByte() + " retried");
    }
    parts.add(rescues.resumed() + " resumed");
    if (rescues.notResumable() > 0) {
      parts.add(rescues.notResumable() + " not resumable");
    }
    if (rescues.resumeFailed() > 0) {
      parts.add(rescues.resumeFailed() + " resume failed");
    }
  }

  private static List<String> wrap(List<String> parts, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String part : parts) {
      if (line.length() > 0 && line.length() + SEPARATOR.length() + part.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(SEPARATOR);
      }
      line.append(part);
    }
    lines.add(line.toString());
    return lines;
  }
}
