package dev.vastproxy.application.support;

import dev.vastproxy.application.port.out.ProbeBackendPort;
import dev.vastproxy.application.port.out.ProbeResult;
import dev.vastproxy.domain.endpoint.Endpoint;
import dev.vastproxy.domain.instance.InstanceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** Health probes whose answers a test sets per instance; a held instance never answers. */
public final class FakeProbes implements ProbeBackendPort {
  private final Map<InstanceId, ProbeResult> answers = new ConcurrentHashMap<>();
  private final Map<InstanceId, List<CompletableFuture<ProbeResult>>> held =
      new ConcurrentHashMap<>();
  private final List<String> calls = new ArrayList<>();

  /** From now on, probes of this instance answer this. */
  public void answer(long id, ProbeResult result) {
    answers.put(new InstanceId(id), result);
  }

  /** From now on, probes of this instance hang until released. */
  public void hold(long id) {
    held.put(new InstanceId(id), new ArrayList<>());
  }

  /** Completes the held probes of an instance with a result and stops holding it. */
  public void release(long id, ProbeResult result) {
    List<CompletableFuture<ProbeResult>> pending = held.remove(new InstanceId(id));
    answer(id, result);
    if (pending != null) {
      pending.forEach(future -> future.complete(result));
    }
  }

  /** Each probe sent, as "id endpoint". */
  public synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  /** How many probes an instance got. */
  public synchronized long callsTo(long id) {
    return calls.stream().filter(call -> call.startsWith(id + " ")).count();
  }

  @Override
  public synchronized CompletionStage<ProbeResult> probe(InstanceId id, Endpoint endpoint) {
    calls.add(id + " " + endpoint);
    List<CompletableFuture<ProbeResult>> holding = held.get(id);
    if (holding != null) {
      CompletableFuture<ProbeResult> future = new CompletableFuture<>();
      holding.add(future);
      return future;
    }
    return CompletableFuture.completedFuture(
        answers.getOrDefault(id, new ProbeResult.Failed("connection refused")));
  }
}
