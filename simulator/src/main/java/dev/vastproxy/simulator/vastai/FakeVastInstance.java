package dev.vastproxy.simulator.vastai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Builds one instance row shaped like vast.ai's (the fixtures' fields and value styles): a running
 * vLLM or SGLang instance on loopback by default, with its engine's port published as {@code
 * 8000/tcp}.
 */
public final class FakeVastInstance {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int TOKEN_BYTES = 32;

  private final long id;
  private String actualStatus = "running";
  private String label;
  private String publicIp = "127.0.0.1";
  private final Map<Integer, Integer> ports = new LinkedHashMap<>();
  private boolean portsNull;
  private final Map<String, String> env = new LinkedHashMap<>();
  private boolean envAsObject;
  private String onstart = "entrypoint.sh";
  private String jupyterToken;
  private String gpuName = "RTX 4090";
  private int gpuCount = 1;
  private Double gpuUtil;
  private Double gpuTemp;
  private double dollarsPerHour = 0.5;
  private String sshHost;
  private Integer sshPort;
  private int directPortStart = -1;
  private String image = "vastai/base-image:latest";
  private String intendedStatus = "running";
  private Double endDate;

  private FakeVastInstance(long id) {
    if (id <= 0) {
      throw new IllegalArgumentException("id must be positive, got " + id);
    }
    this.id = id;
    byte[] token = new byte[TOKEN_BYTES];
    RANDOM.nextBytes(token);
    this.jupyterToken = HexFormat.of().formatHex(token);
  }

  /** A running instance with no engine, no ports and a random 64-hex {@code jupyter_token}. */
  public static FakeVastInstance running(long id) {
    return new FakeVastInstance(id);
  }

  /**
   * Sets {@code actual_status}, e.g. {@code loading}; {@code null} while provisioning. A
   * non-running instance gets {@code ports: null} and no GPU figures, as on vast.ai.
   */
  public FakeVastInstance status(String value) {
    this.actualStatus = value;
    return this;
  }

  /**
   * Sets {@code intended_status} and {@code cur_state}, the state its owner asked for, e.g. {@code
   * stopped} for an instance stopped by hand (or outbid).
   */
  public FakeVastInstance intendedStatus(String value) {
    this.intendedStatus = value;
    return this;
  }

  /** Sets {@code end_date}, the contract's end, in epoch seconds. */
  public FakeVastInstance endDate(double epochSeconds) {
    this.endDate = epochSeconds;
    return this;
  }

  /** Sets {@code image_uuid}, e.g. {@code vastai/vllm:v0.16.0-cuda-12.9}. */
  public FakeVastInstance image(String value) {
    this.image = value;
    return this;
  }

  /**
   * A training box sharing the account: a PyTorch image with Jupyter and SSH, no inference engine,
   * nothing on the inference ports; it never answers {@code /v1/models}.
   */
  public FakeVastInstance trainingBox() {
    image = "pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime";
    env("JUPYTER_DIR", "/");
    env("-p 8080:8080", "1");
    return this;
  }

  /** Sets the label; {@code null} or empty for none. */
  public FakeVastInstance label(String value) {
    this.label = value == null || value.isEmpty() ? null : value;
    return this;
  }

  /** Sets {@code public_ipaddr}; vast.ai sometimes ends it with a newline. */
  public FakeVastInstance publicIp(String value) {
    this.publicIp = value;
    return this;
  }

  /** Publishes a container port on a host port: {@code "<container>/tcp": [{HostPort: "..."}]}. */
  public FakeVastInstance port(int containerPort, int hostPort) {
    ports.put(containerPort, hostPort);
    portsNull = false;
    return this;
  }

  /** Publishes the engine's port, as vast's images do: container port 8000 (Caddy). */
  public FakeVastInstance servedOn(int hostPort) {
    return port(8000, hostPort);
  }

  /** Sends {@code ports: null}, as vast.ai does before the container runs. */
  public FakeVastInstance noPorts() {
    ports.clear();
    portsNull = true;
    return this;
  }

  /** A vLLM template: {@code VLLM_MODEL}, {@code VLLM_ARGS} with {@code --port 18000}. */
  public FakeVastInstance vllm(String model) {
    image = "vastai/vllm:v0.16.0-cuda-12.9";
    env("-p 8000:8000", "1");
    env("OPEN_BUTTON_TOKEN", "1");
    env("VLLM_MODEL", model);
    return env("VLLM_ARGS", "--max-model-len 32768 --host 127.0.0.1 --port 18000");
  }

  /** An SGLang template: {@code SGLANG_MODEL}, {@code SGLANG_ARGS} with {@code --port 18000}. */
  public FakeVastInstance sglang(String model) {
    image = "vastai/sglang:v0.5.4-cuda-12.9";
    env("-p 8000:8000", "1");
    env("OPEN_BUTTON_TOKEN", "1");
    env("SGLANG_MODEL", model);
    return env("SGLANG_ARGS", "--host 127.0.0.1 --port 18000 --context-length 32768");
  }

  /** Adds (or replaces) an {@code extra_env} pair; keys starting with {@code -} are options. */
  public FakeVastInstance env(String key, String value) {
    env.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /** Sends {@code extra_env} as a {@code {key: value}} object instead of a list of pairs. */
  public FakeVastInstance envAsObject() {
    this.envAsObject = true;
    return this;
  }

  /** Sets {@code onstart}. */
  public FakeVastInstance onstart(String value) {
    this.onstart = value;
    return this;
  }

  /** Sets {@code jupyter_token}, the bearer token the instance's engine accepts. */
  public FakeVastInstance jupyterToken(String value) {
    this.jupyterToken = value;
    return this;
  }

  /** Sets {@code gpu_name} and {@code num_gpus}. */
  public FakeVastInstance gpus(String name, int count) {
    this.gpuName = name;
    this.gpuCount = count;
    return this;
  }

  /** Sets {@code gpu_util} (percent) and {@code gpu_temp} (°C); {@code null} for unknown. */
  public FakeVastInstance gpuLoad(Double utilization, Double temperature) {
    this.gpuUtil = utilization;
    this.gpuTemp = temperature;
    return this;
  }

  /** Sets {@code dph_total}. */
  public FakeVastInstance dollarsPerHour(double value) {
    this.dollarsPerHour = value;
    return this;
  }

  /** Sets the SSH proxy {@code ssh_host} and {@code ssh_port}. */
  public FakeVastInstance ssh(String host, int port) {
    this.sshHost = host;
    this.sshPort = port;
    return this;
  }

  /** Sets {@code direct_port_start} ({@code -1}: no direct ports, the default). */
  public FakeVastInstance directPortStart(int value) {
    this.directPortStart = value;
    return this;
  }

  /** The id. */
  public long id() {
    return id;
  }

  /** The {@code jupyter_token}. */
  public String jupyterToken() {
    return jupyterToken;
  }

  /** The row as JSON text. */
  public String toJson() {
    return toNode().toString();
  }

  /** The row as a JSON tree, ready to serve. */
  ObjectNode toNode() {
    boolean running = "running".equals(actualStatus);
    ObjectNode row = NODES.objectNode();
    row.put("id", id);
    row.put("machine_id", 40_000 + id % 10_000);
    row.put("host_id", 190_000 + id % 10_000);
    row.put("actual_status", actualStatus);
    row.put("intended_status", intendedStatus);
    row.put("cur_state", intendedStatus);
    row.put("next_state", intendedStatus);
    row.put("status_msg", running ? "success, running " + image + "\n" : null);
    row.put("label", label);
    row.put("image_uuid", image);
    row.put("image_runtype", "jupyter");
    row.set("extra_env", envNode());
    row.put("onstart", onstart);
    row.put("jupyter_token", jupyterToken);
    row.put("public_ipaddr", publicIp);
    row.put("local_ipaddrs", "10.0.0.2 172.17.0.1 \n");
    row.put("ssh_host", sshHost);
    if (sshPort == null) {
      row.putNull("ssh_port");
    } else {
      row.put("ssh_port", sshPort);
    }
    row.put("direct_port_start", directPortStart);
    row.put("direct_port_end", directPortStart < 0 ? -1 : directPortStart + 99);
    row.set("ports", portsNull || (!running && ports.isEmpty()) ? NODES.nullNode() : portsNode());
    row.put("gpu_name", gpuName);
    row.put("num_gpus", gpuCount);
    row.put("gpu_util", running ? gpuUtil : null);
    row.put("gpu_temp", running ? gpuTemp : null);
    row.put("gpu_ram", 24_564);
    row.put("dph_total", dollarsPerHour);
    row.put("start_date", 1_786_003_412.482911);
    if (endDate == null) {
      row.putNull("end_date");
    } else {
      row.put("end_date", endDate);
    }
    row.put("geolocation", "Loopback, LO");
    row.put("verification", "verified");
    return row;
  }

  private ObjectNode portsNode() {
    ObjectNode node = NODES.objectNode();
    ports.forEach(
        (container, host) ->
            node.putArray(container + "/tcp")
                .addObject()
                .put("HostIp", "0.0.0.0")
                .put("HostPort", Integer.toString(host)));
    return node;
  }

  private JsonNode envNode() {
    if (envAsObject) {
      ObjectNode node = NODES.objectNode();
      env.forEach(node::put);
      return node;
    }
    ArrayNode pairs = NODES.arrayNode();
    env.forEach((key, value) -> pairs.addArray().add(key).add(value));
    return pairs;
  }

  /** Reads a row given as JSON text, for callers with their own shapes. */
  static ObjectNode parse(ObjectMapper json, String row) {
    try {
      if (!(json.readTree(row) instanceof ObjectNode node)) {
        throw new IllegalArgumentException("an instance row must be a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "an instance row must be JSON (error at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ")");
    }
  }

  @Override
  public String toString() {
    return "FakeVastInstance[" + id + ", " + actualStatus + "]";
  }
}
