package dev.vastproxy.simulator.vastai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vastproxy.simulator.engine.FakeEngine;
import dev.vastproxy.simulator.engine.Fault;
import io.undertow.Undertow;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A fake vast.ai API on loopback, for demo mode and end-to-end tests: paged instance listing, show,
 * label, stop and start (with a boot time; bound engines stop and start with them) and destroy, the
 * current user, bearer-key checks, and injectable faults. Starts on {@code 127.0.0.1} and a free
 * port; {@link #close()} stops it.
 *
 * <pre>{@code
 * try (FakeVastApi vast = FakeVastApi.start("demo-key")) {
 *   vast.putInstance(FakeVastInstance.running(101).vllm("Qwen/Qwen3-8B").servedOn(enginePort));
 *   vast.failNextListCalls(2, VastFault.rateLimited());
 *   URI base = vast.baseUri(); // give this to the product as VAST_API_URL
 * }
 * }</pre>
 */
public final class FakeVastApi implements AutoCloseable {
  private static final String LOOPBACK = "127.0.0.1";

  private final ObjectMapper json = new ObjectMapper();
  private final ScheduledExecutorService boots =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "fake-vast-boot");
            thread.setDaemon(true);
            return thread;
          });
  private final FakeVastAccount account =
      new FakeVastAccount(
          json, (delay, task) -> boots.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS));
  private final FakeVastHandler handler;
  private final Undertow server;
  private final URI baseUri;

  private FakeVastApi(String apiKey) {
    Objects.requireNonNull(apiKey, "apiKey");
    if (apiKey.isBlank()) {
      throw new IllegalArgumentException("the fake vast.ai API needs a non-blank key");
    }
    this.handler = new FakeVastHandler(account, apiKey);
    this.server =
        Undertow.builder()
            .addHttpListener(0, LOOPBACK)
            .setIoThreads(2)
            .setWorkerThreads(2)
            .setHandler(handler)
            .build();
    server.start();
    InetSocketAddress address = (InetSocketAddress) server.getListenerInfo().get(0).getAddress();
    this.baseUri = URI.create("http://" + LOOPBACK + ":" + address.getPort());
  }

  /** Starts a fake API that accepts only {@code Authorization: Bearer <apiKey>}. */
  public static FakeVastApi start(String apiKey) {
    return new FakeVastApi(apiKey);
  }

  /** The base URI, e.g. {@code http://127.0.0.1:41234} (no trailing slash). */
  public URI baseUri() {
    return baseUri;
  }

  /** Adds an instance, or replaces the one with the same id. */
  public FakeVastApi putInstance(FakeVastInstance instance) {
    account.put(instance.toNode());
    return this;
  }

  /**
   * Adds an instance given as a JSON object (any shape, as long as it has a positive integer {@code
   * id}), or replaces the one with the same id.
   *
   * @throws IllegalArgumentException when the text is not a JSON object with such an id
   */
  public FakeVastApi putInstance(String rowJson) {
    ObjectNode row = FakeVastInstance.parse(json, rowJson);
    account.put(row);
    return this;
  }

  /**
   * Replaces an instance's row with fresh figures, keeping what the API owns (label, states; no
   * ports while stopped); whether it is still there (a destroyed one is not brought back).
   */
  public boolean refreshInstance(FakeVastInstance instance) {
    return account.refresh(instance.toNode());
  }

  /**
   * Ties an instance to its engine: a stop ({@code PUT {"state":"stopped"}}) or a destroy makes the
   * engine refuse connections; a start lists it as {@code loading} for the boot time, then running
   * with its engine answering again.
   */
  public FakeVastApi bindEngine(long id, FakeEngine engine) {
    Objects.requireNonNull(engine, "engine");
    account.bind(
        id,
        new FakeVastAccount.PowerSwitch() {
          @Override
          public void off() {
            engine.setFault(Fault.REFUSE_CONNECTIONS);
          }

          @Override
          public void on() {
            engine.setFault(Fault.NONE);
          }
        });
    return this;
  }

  /** How long a started instance lists as {@code loading} before it runs (2 s by default). */
  public void setBootTime(Duration value) {
    if (value.isNegative()) {
      throw new IllegalArgumentException("boot time must not be negative");
    }
    account.bootTime(value);
  }

  /** Every state change applied ({@code stopped}, {@code running}), in order. */
  public List<StateCall> stateCalls() {
    return account.stateCalls();
  }

  /** An instance's {@code actual_status}; empty when unknown. */
  public Optional<String> status(long id) {
    return account.row(id).map(row -> row.path("actual_status").asText());
  }

  /** Removes an instance (as if destroyed elsewhere); whether it was there. */
  public boolean removeInstance(long id) {
    return account.remove(id);
  }

  /** Sets an instance's {@code actual_status}, e.g. from {@code loading} to {@code running}. */
  public void setStatus(long id, String actualStatus) {
    account.setField(id, "actual_status", json.getNodeFactory().textNode(actualStatus));
  }

  /** The ids of the instances, ascending. */
  public List<Long> instanceIds() {
    return account.ids();
  }

  /** An instance's row as JSON text. */
  public Optional<String> instanceJson(long id) {
    return account.row(id).map(ObjectNode::toString);
  }

  /** An instance's label; empty when it has none or is unknown. */
  public Optional<String> label(long id) {
    return account
        .row(id)
        .map(row -> row.path("label"))
        .filter(label -> label.isTextual() && !label.asText().isEmpty())
        .map(JsonNode::asText);
  }

  /** Every label call applied, in order (clearing calls have an empty label). */
  public List<LabelCall> labelCalls() {
    return account.labelCalls();
  }

  /** The ids of the instances destroyed through the API, in order. */
  public List<Long> destroyedIds() {
    return account.destroyed();
  }

  /** How many authorised requests a route had. */
  public int requestCount(VastRoute route) {
    return account.requests(route);
  }

  /** The next {@code count} authorised calls of a route show the fault. */
  public void injectFaults(VastRoute route, int count, VastFault fault) {
    account.addFaults(Objects.requireNonNull(route, "route"), count, fault);
  }

  /** The next {@code count} list calls show the fault (429, 500, slow…). */
  public void failNextListCalls(int count, VastFault fault) {
    injectFaults(VastRoute.LIST, count, fault);
  }

  /** Forgets the faults not shown yet. */
  public void clearFaults() {
    account.clearFaults();
  }

  /** Answers a bad key with 404 instead of 401, as vast.ai is observed to do. */
  public void answerBadKeysWith404(boolean value) {
    handler.badKeyStatus(value ? 404 : 401);
  }

  /** Answers an empty listing with {@code "instances": null}, as vast.ai sometimes does. */
  public void answerEmptyListingsWithNull(boolean value) {
    account.nullWhenEmpty(value);
  }

  /** Stops the server; delayed answers still pending are dropped. */
  @Override
  public void close() {
    boots.shutdownNow();
    server.stop();
  }

  @Override
  public String toString() {
    return "FakeVastApi[" + baseUri + "]";
  }
}
