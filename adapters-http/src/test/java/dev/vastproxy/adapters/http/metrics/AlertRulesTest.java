package dev.vastproxy.adapters.http.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vastproxy.adapters.http.DeployFiles;
import dev.vastproxy.adapters.http.Promtool;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/prometheus/alerts.yml} is valid and each rule fires (and stays quiet) as its small
 * series in {@code alerts_test.yml} say.
 */
class AlertRulesTest {
  static final Path RULES = Path.of("..", "deploy", "prometheus").toAbsolutePath().normalize();

  @Test
  void theRulesAreValid() throws Exception {
    assumeTrue(Promtool.find("promtool").isPresent(), () -> "promtool " + Promtool.MISSING);

    Promtool.Result check =
        Promtool.run("", "check", "rules", RULES.resolve("alerts.yml").toString());

    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(check.output())
        .contains("SUCCESS: " + DeployFiles.alertRuleCount() + " rules found");
  }

  @Test
  void eachRuleFiresOnItsSeries() throws Exception {
    assumeTrue(Promtool.find("promtool").isPresent(), () -> "promtool " + Promtool.MISSING);

    Promtool.Result test =
        Promtool.run("", "test", "rules", RULES.resolve("alerts_test.yml").toString());

    assertThat(test.exitCode()).as(test.output()).isZero();
    String tests = Files.readString(RULES.resolve("alerts_test.yml"));
    for (String alert :
        new String[] {
          "VastproxyDown",
          "VastproxyNoHealthyBackend",
          "VastproxyDiscoveryFailing",
          "VastproxyApiKeyRefused",
          "VastproxyHighErrorRatio",
          "VastproxyInstanceFlapping",
          "VastproxyFleetIdleWhilePaid",
          "VastproxyEngineSaturated",
          "VastproxyManyRetries",
          "VastproxyStreamsCut",
          "VastproxyGpuProbesFailing",
          "VastproxyInstanceExpiringSoon"
        }) {
      assertThat(tests).as("a test of " + alert).contains("alertname: " + alert);
    }
  }
}
