package dev.vastproxy.adapters.http.admin;

import dev.vastproxy.application.port.in.InstanceGuard;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.GpuTelemetry;
import dev.vastproxy.domain.endpoint.Endpoint;
import dev.vastproxy.domain.instance.Instance;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One enrolled instance in the status JSON. Built field by field from the backend, so no secret
 * (the instance's bearer token, its environment, its on-start script) can slip in; unknown values
 * are {@code null}.
 *
 * @param id the vast.ai instance id
 * @param state the backend state, e.g. {@code HEALTHY}
 * @param since when it entered that state, ISO-8601
 * @param secondsInState whole seconds in that state
 * @param reason why it is in that state, e.g. {@code probe refused token: HTTP 401: ...}
 * @param reasonCode the kind of that reason, snake_case, e.g. {@code probe_auth}
 * @param actualStatus vast.ai's {@code actual_status}
 * @param label the vast.ai label, or null
 * @param engine {@code sglang}, {@code vllm} or {@code unknown}
 * @param models the model ids it serves, first one first
 * @param endpoint {@code scheme://host:port}, or null while unknown
 * @param transport {@code direct} or {@code ssh-tunnel}
 * @param inFlight requests being served now
 * @param requestsStarted requests ever sent to it
 * @param gpuName the GPU model
 * @param gpuCount how many GPUs
 * @param gpuUtil vast.ai's {@code gpu_util}, or null
 * @param gpuTemp vast.ai's {@code gpu_temp}, or null
 * @param gpus per-GPU readings over SSH
 * @param gpusReadAt when those were read, ISO-8601, or null
 * @param sshPath {@code none}, {@code direct} or {@code proxy}
 * @param gpuProblem why the last GPU probe failed, or null
 * @param dollarsPerHour the instance's cost per hour
 * @param load what its engine reports of its load and what the proxy measured of its speed
 * @param cost the tokens it served and what they cost, since it was enrolled
 * @param rescues requests and streams it failed and what the proxy did for them
 * @param guard selection, why it takes no requests, idle countdown, the proxy's stop, alerts; null
 *     when the guards are not wired
 */
public record InstanceStatus(
    long id,
    String state,
    String since,
    long secondsInState,
    String reason,
    String reasonCode,
    String actualStatus,
    String label,
    String engine,
    List<String> models,
    String endpoint,
    String transport,
    int inFlight,
    long requestsStarted,
    String gpuName,
    int gpuCount,
    Double gpuUtil,
    Double gpuTemp,
    List<GpuStatus> gpus,
    String gpusReadAt,
    String sshPath,
    String gpuProblem,
    double dollarsPerHour,
    EngineLoadStatus load,
    CostStatus cost,
    RescueStatus rescues,
    GuardStatus guard) {

  public InstanceStatus {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(reasonCode, "reasonCode");
    Objects.requireNonNull(actualStatus, "actualStatus");
    Objects.requireNonNull(engine, "engine");
    models = List.copyOf(models);
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(gpuName, "gpuName");
    gpus = List.copyOf(gpus);
    Objects.requireNonNull(sshPath, "sshPath");
    Objects.requireNonNull(load, "load");
    Objects.requireNonNull(cost, "cost");
    Objects.requireNonNull(rescues, "rescues");
  }

  /** The status of a backend, with its time in state measured at {@code now}. */
  public static InstanceStatus of(Backend backend, Instant now) {
    return of(backend, now, Optional.empty());
  }

  /** The status of a backend with what the money guards say of it. */
  public static InstanceStatus of(Backend backend, Instant now, Optional<InstanceGuard> guard) {
    Instance instance = backend.instance();
    GpuTelemetry gpu = backend.gpu();
    return new InstanceStatus(
        instance.id().value(),
        backend.state().name(),
        backend.since().toString(),
        backend.timeInState(now).toSeconds(),
        backend.reason().describe(),
        backend.reason().cause().label(),
        instance.actualStatus(),
        instance.label().orElse(null),
        lower(backend.engine().name()),
        backend.models(),
        backend.endpoint().map(Endpoint::baseUri).orElse(null),
        backend.transport().text(),
        backend.load().inFlight(),
        backend.load().started(),
        instance.gpuName(),
        instance.gpuCount(),
        GpuStatus.orNull(instance.gpuUtilization()),
        GpuStatus.orNull(instance.gpuTemperature()),
        gpu.readings().stream().map(GpuStatus::of).toList(),
        gpu.readAt().map(Instant::toString).orElse(null),
        lower(gpu.path().name()),
        gpu.problem().orElse(null),
        instance.dollarsPerHour(),
        EngineLoadStatus.of(backend.load().signals()),
        CostStatus.of(backend.cost(now)),
        RescueStatus.of(backend.load().rescues().counts()),
        guard.map(g -> GuardStatus.of(g, now)).orElse(null));
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
