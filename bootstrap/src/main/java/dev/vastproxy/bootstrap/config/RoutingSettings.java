package dev.vastproxy.bootstrap.config;

import dev.vastproxy.domain.routing.Policies;
import dev.vastproxy.domain.routing.PolicyKind;
import java.util.Objects;

/**
 * How requests are routed and sent again.
 *
 * @param policy the selection policy, parsed once
 * @param stickyLimit the sticky spill-over threshold
 * @param retries times a request that failed before its answer began goes to another instance
 * @param resumes times a broken stream is continued on another instance
 * @param bodyMemory bytes that request bodies read for their model may hold, all requests together
 */
public record RoutingSettings(
    PolicyKind policy, int stickyLimit, int retries, int resumes, long bodyMemory) {
  public RoutingSettings {
    Objects.requireNonNull(policy, "policy");
  }

  /** Reads the routing settings. */
  static RoutingSettings read(SettingValues values) throws ConfigException {
    return new RoutingSettings(
        policy(values.text(Setting.POLICY)),
        NumberSettings.stickyLimit(values.text(Setting.STICKY_LIMIT)),
        values.count(Setting.RETRIES),
        values.count(Setting.RESUMES),
        NumberSettings.bodyMemory(values.text(Setting.BODY_MEMORY)));
  }

  private static PolicyKind policy(String text) throws ConfigException {
    return PolicyKind.named(text)
        .orElseThrow(
            () ->
                new ConfigException(
                    "VASTPROXY_POLICY="
                        + text
                        + " is not a policy: use "
                        + String.join(", ", Policies.names())));
  }
}
