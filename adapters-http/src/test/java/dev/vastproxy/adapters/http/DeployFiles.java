package dev.vastproxy.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The shipped alert rules and Grafana dashboard, read for tests. */
public final class DeployFiles {
  /** The repository's {@code deploy/} folder, seen from a module's folder. */
  public static final Path DEPLOY = Path.of("..", "deploy").toAbsolutePath().normalize();

  private static final Pattern METRIC =
      Pattern.compile("\\b((?:vastproxy|process|jvm)_[a-z0-9_]+)");

  private DeployFiles() {}

  /** Every PromQL expression of the dashboard's panels, as Grafana writes them. */
  public static List<String> dashboardQueries() throws IOException {
    JsonNode dashboard =
        new ObjectMapper().readTree(DEPLOY.resolve("grafana").resolve("vastproxy.json").toFile());
    List<String> queries = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        queries.add(target.path("expr").asText());
      }
    }
    return queries;
  }

  /** A dashboard query with Grafana's variables filled in as "all" over a short range. */
  public static String resolved(String query) {
    return query
        .replace("$__rate_interval", "30s")
        .replace("$__range", "5m")
        .replace("$job", ".*")
        .replace("$backend", ".*")
        .replace("$model", ".*");
  }

  /** How many alert rules {@code alerts.yml} holds, counted by their {@code - alert:} lines. */
  public static int alertRuleCount() throws IOException {
    return (int)
        Files.readAllLines(DEPLOY.resolve("prometheus").resolve("alerts.yml")).stream()
            .filter(line -> line.strip().startsWith("- alert:"))
            .count();
  }

  /** The names of our metrics that the dashboard and the alert rules use. */
  public static Set<String> metricsUsed() throws IOException {
    Set<String> names = new TreeSet<>();
    List<String> texts = new ArrayList<>(dashboardQueries());
    texts.add(Files.readString(DEPLOY.resolve("prometheus").resolve("alerts.yml")));
    for (String text : texts) {
      Matcher matcher = METRIC.matcher(text);
      while (matcher.find()) {
        names.add(matcher.group(1));
      }
    }
    return names;
  }
}
