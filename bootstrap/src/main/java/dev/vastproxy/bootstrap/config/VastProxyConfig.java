package dev.vastproxy.bootstrap.config;

import dev.vastproxy.application.service.WaitingRoomSettings;
import dev.vastproxy.domain.instance.Secret;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every setting, validated, before anything starts, in groups: a new setting joins its group (and
 * that group's reader), so no caller of another group changes.
 *
 * @param account the vast.ai account and the SSH keys that reach its instances
 * @param front where clients connect and what they must present
 * @param fleet how the fleet loops run and how backends are reached
 * @param routing how requests are routed and sent again
 * @param replica this replica's name and how it stops
 * @param otlpEndpoint where trace spans go (an OTLP/HTTP traces URL); empty: no tracing
 * @param waiting how requests no instance can take yet are held
 * @param money which instances are enrolled and what happens to idle ones
 * @param mode demo or not, dashboard or not
 */
public record VastProxyConfig(
    AccountSettings account,
    FrontDoorSettings front,
    FleetSettings fleet,
    RoutingSettings routing,
    ReplicaSettings replica,
    Optional<URI> otlpEndpoint,
    WaitingRoomSettings waiting,
    MoneySettings money,
    RunMode mode) {

  public VastProxyConfig {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(front, "front");
    Objects.requireNonNull(fleet, "fleet");
    Objects.requireNonNull(routing, "routing");
    Objects.requireNonNull(replica, "replica");
    Objects.requireNonNull(otlpEndpoint, "otlpEndpoint");
    Objects.requireNonNull(waiting, "waiting");
    Objects.requireNonNull(money, "money");
    Objects.requireNonNull(mode, "mode");
  }

  /** The same settings listening elsewhere (tests, demo). */
  public VastProxyConfig withListen(ListenAddress address) {
    return new VastProxyConfig(
        account,
        front.withListen(address),
        fleet,
        routing,
        replica,
        otlpEndpoint,
        waiting,
        money,
        mode);
  }

  /**
   * The same settings against a simulated account (demo mode, tests): its vast.ai API and key, and
   * SSH keys and a host-key file of its own, so the user's are never used or touched.
   */
  public VastProxyConfig withSimulatedAccount(
      URI url, Secret key, List<Path> accountSshKeys, Path accountKnownHosts) {
    return new VastProxyConfig(
        new AccountSettings(Optional.of(key), url, accountSshKeys, accountKnownHosts),
        front,
        fleet,
        routing,
        replica,
        otlpEndpoint,
        waiting,
        money,
        mode);
  }
}
