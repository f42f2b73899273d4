package dev.vastproxy.bootstrap.config;

import dev.vastproxy.application.service.WaitingRoomSettings;
import dev.vastproxy.domain.endpoint.Transport;
import dev.vastproxy.domain.instance.Secret;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every setting, validated, before anything starts.
 *
 * @param vastApiKey the vast.ai key (empty only in demo mode)
 * @param vastApiUrl where the vast.ai API is
 * @param sshKeys private keys to try for GPU probing, in order; may be empty
 * @param knownHosts where instances' SSH host keys are remembered (trust on first use)
 * @param listen where the proxy listens
 * @param clientApiKeys keys clients must present; empty means no check
 * @param label the label for healthy instances; empty disables labelling
 * @param pollInterval the discovery period
 * @param healthInterval the health and GPU probe period
 * @param transport how backends are reached
 * @param policy the selection policy's name
 * @param stickyLimit the sticky spill-over threshold
 * @param loadInterval how often each healthy engine's load is read
 * @param headerTimeout the time a client has to finish sending its request headers
 * @param keepAliveIdle the time a client connection may be idle between requests
 * @param retries times a request that failed before its answer began goes to another instance
 * @param resumes times a broken stream is continued on another instance
 * @param bodyMemory bytes that request bodies read for their model may hold, all requests together
 * @param replica this replica's name and how it stops
 * @param otlpEndpoint where trace spans go (an OTLP/HTTP traces URL); empty: no tracing
 * @param waiting how requests no instance can take yet are held
 * @param demo whether to run against the simulated fleet
 * @param headless whether to run without the dashboard
 * @param allowUnauthenticated whether a non-loopback listener may run without client keys
 */
public record VastProxyConfig(
    Optional<Secret> vastApiKey,
    URI vastApiUrl,
    List<Path> sshKeys,
    Path knownHosts,
    ListenAddress listen,
    List<Secret> clientApiKeys,
    Optional<String> label,
    Duration pollInterval,
    Duration healthInterval,
    Transport transport,
    String policy,
    int stickyLimit,
    Duration loadInterval,
    Duration headerTimeout,
    Duration keepAliveIdle,
    long bodyMemory,
    int retries,
    int resumes,
    ReplicaSettings replica,
    Optional<URI> otlpEndpoint,
    WaitingRoomSettings waiting,
    boolean demo,
    boolean headless,
    boolean allowUnauthenticated) {

  public VastProxyConfig {
    Objects.requireNonNull(vastApiKey, "vastApiKey");
    Objects.requireNonNull(vastApiUrl, "vastApiUrl");
    sshKeys = List.copyOf(sshKeys);
    Objects.requireNonNull(knownHosts, "knownHosts");
    Objects.requireNonNull(listen, "listen");
    clientApiKeys = List.copyOf(clientApiKeys);
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(healthInterval, "healthInterval");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(loadInterval, "loadInterval");
    Objects.requireNonNull(headerTimeout, "headerTimeout");
    Objects.requireNonNull(keepAliveIdle, "keepAliveIdle");
    Objects.requireNonNull(replica, "replica");
    Objects.requireNonNull(otlpEndpoint, "otlpEndpoint");
    Objects.requireNonNull(waiting, "waiting");
  }

  /** The same settings listening elsewhere (tests, demo). */
  public VastProxyConfig withListen(ListenAddress address) {
    return new VastProxyConfig(
        vastApiKey,
        vastApiUrl,
        sshKeys,
        knownHosts,
        address,
        clientApiKeys,
        label,
        pollInterval,
        healthInterval,
        transport,
        policy,
        stickyLimit,
        loadInterval,
        headerTimeout,
        keepAliveIdle,
        bodyMemory,
        retries,
        resumes,
        replica,
        otlpEndpoint,
        waiting,
        demo,
        headless,
        allowUnauthenticated);
  }

  /**
   * The same settings against a simulated account (demo mode, tests): its vast.ai API and key, and
   * SSH keys and a host-key file of its own, so the user's are never used or touched.
   */
  public VastProxyConfig withSimulatedAccount(
      URI url, Secret key, List<Path> accountSshKeys, Path accountKnownHosts) {
    return new VastProxyConfig(
        Optional.of(key),
        url,
        accountSshKeys,
        accountKnownHosts,
        listen,
        clientApiKeys,
        label,
        pollInterval,
        healthInterval,
        transport,
        policy,
        stickyLimit,
        loadInterval,
        headerTimeout,
        keepAliveIdle,
        bodyMemory,
        retries,
        resumes,
        replica,
        otlpEndpoint,
        waiting,
        demo,
        headless,
        allowUnauthenticated);
  }
}
