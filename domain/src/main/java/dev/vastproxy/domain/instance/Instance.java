package dev.vastproxy.domain.instance;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One rented vast.ai instance, as the API describes it, cleaned of the API's quirks.
 *
 * @param id the contract id
 * @param actualStatus the container state as an open string ({@code running}, {@code loading}…),
 *     trimmed and lower-cased; empty while provisioning
 * @param label the user-visible label, if any
 * @param publicIp the public address, trimmed
 * @param ports published container ports
 * @param sshHost the vast SSH proxy host
 * @param sshPort the port on the SSH proxy host
 * @param directPortStart the first port of the machine's direct range, when it has one
 * @param gpuName the GPU model, e.g. {@code RTX 4090}; empty when unknown
 * @param gpuCount how many GPUs; 0 when unknown
 * @param gpuUtilization vast.ai's own utilisation figure for the whole instance, in percent
 * @param gpuTemperature vast.ai's own GPU temperature figure, in °C
 * @param dollarsPerHour the instance's total cost per hour; 0 when unknown
 * @param extraEnv the template's environment variables
 * @param onstart the on-start script
 * @param bearerToken the token the instance portal accepts ({@code jupyter_token})
 */
public record Instance(
    InstanceId id,
    String actualStatus,
    Optional<String> label,
    Optional<String> publicIp,
    PortMappings ports,
    Optional<String> sshHost,
    OptionalInt sshPort,
    OptionalInt directPortStart,
    String gpuName,
    int gpuCount,
    OptionalDouble gpuUtilization,
    OptionalDouble gpuTemperature,
    double dollarsPerHour,
    ExtraEnv extraEnv,
    String onstart,
    Secret bearerToken) {

  /** The status of an instance whose container runs. */
  public static final String RUNNING = "running";

  public Instance {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(actualStatus, "actualStatus");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(publicIp, "publicIp");
    Objects.requireNonNull(ports, "ports");
    Objects.requireNonNull(sshHost, "sshHost");
    Objects.requireNonNull(sshPort, "sshPort");
    Objects.requireNonNull(directPortStart, "directPortStart");
    Objects.requireNonNull(gpuName, "gpuName");
    Objects.requireNonNull(gpuUtilization, "gpuUtilization");
    Objects.requireNonNull(gpuTemperature, "gpuTemperature");
    Objects.requireNonNull(extraEnv, "extraEnv");
    Objects.requireNonNull(onstart, "onstart");
    Objects.requireNonNull(bearerToken, "bearerToken");
    if (gpuCount < 0) {
      throw new IllegalArgumentException("gpuCount must not be negative, got " + gpuCount);
    }
    if (!(dollarsPerHour >= 0) || Double.isInfinite(dollarsPerHour)) {
      throw new IllegalArgumentException("dollarsPerHour must be a finite number >= 0");
    }
    sshPort.ifPresent(port -> PortNumber.require(port, "sshPort"));
    directPortStart.ifPresent(port -> PortNumber.require(port, "directPortStart"));
  }

  /** Starts an instance from the wire values vast.ai sends for one row. */
  public static Builder builder(long id) {
    return new Builder(new InstanceId(id));
  }

  /** Whether the container runs; only running instances become backends. */
  public boolean isRunning() {
    return RUNNING.equals(actualStatus);
  }

  /** The engine its environment names. */
  public Engine engine() {
    return Engine.detect(extraEnv);
  }

  /**
   * Collects one API row's fields, tolerating vast.ai's quirks: {@code null} anywhere, strings with
   * surrounding whitespace or a trailing newline, port numbers out of range (dropped).
   */
  public static final class Builder {
    private final InstanceId id;
    private String actualStatus = "";
    private Optional<String> label = Optional.empty();
    private Optional<String> publicIp = Optional.empty();
    private PortMappings ports = PortMappings.empty();
    private Optional<String> sshHost = Optional.empty();
    private OptionalInt sshPort = OptionalInt.empty();
    private OptionalInt directPortStart = OptionalInt.empty();
    private String gpuName = "";
    private int gpuCount;
    private OptionalDouble gpuUtilization = OptionalDouble.empty();
    private OptionalDouble gpuTemperature = OptionalDouble.empty();
    private double dollarsPerHour;
    private ExtraEnv extraEnv = ExtraEnv.empty();
    private String onstart = "";
    private Secret bearerToken = Secret.empty();

    private Builder(InstanceId id) {
      this.id = id;
    }

    /** {@code actual_status}; {@code null} while provisioning. */
    public Builder actualStatus(String value) {
      this.actualStatus = text(value).toLowerCase(Locale.ROOT);
      return this;
    }

    /** {@code label}; {@code null} or blank when unlabelled. */
    public Builder label(String value) {
      this.label = optionalText(value);
      return this;
    }

    /** {@code public_ipaddr}, which may end in a newline. */
    public Builder publicIpAddr(String value) {
      this.publicIp = optionalText(value);
      return this;
    }

    /** {@code ports}: container port key to the {@code HostPort} texts of its bindings. */
    public Builder ports(Map<String, ? extends List<String>> value) {
      this.ports = PortMappings.fromWire(value);
      return this;
    }

    /** {@code ssh_host}. */
    public Builder sshHost(String value) {
      this.sshHost = optionalText(value);
      return this;
    }

    /** {@code ssh_port}. */
    public Builder sshPort(Number value) {
      this.sshPort = PortNumber.of(value);
      return this;
    }

    /** {@code direct_port_start}; -1 when the machine has no direct ports. */
    public Builder directPortStart(Number value) {
      this.directPortStart = PortNumber.of(value);
      return this;
    }

    /** {@code gpu_name}. */
    public Builder gpuName(String value) {
      this.gpuName = text(value);
      return this;
    }

    /** {@code num_gpus}. */
    public Builder gpuCount(Number value) {
      this.gpuCount = value == null || value.intValue() < 0 ? 0 : value.intValue();
      return this;
    }

    /** {@code gpu_util}, in percent. */
    public Builder gpuUtilization(Number value) {
      this.gpuUtilization = finite(value);
      return this;
    }

    /** {@code gpu_temp}, in °C. */
    public Builder gpuTemperature(Number value) {
      this.gpuTemperature = finite(value);
      return this;
    }

    /** {@code dph_total}. */
    public Builder dollarsPerHour(Number value) {
      OptionalDouble cost = finite(value);
      this.dollarsPerHour = cost.isPresent() && cost.getAsDouble() > 0 ? cost.getAsDouble() : 0;
      return this;
    }

    /** {@code extra_env}: a list of pairs, an object, or {@code null}. */
    public Builder extraEnv(Object value) {
      this.extraEnv = ExtraEnv.fromWire(value);
      return this;
    }

    /** {@code onstart}. */
    public Builder onstart(String value) {
      this.onstart = text(value);
      return this;
    }

    /** {@code jupyter_token}, the bearer token the instance accepts. */
    public Builder jupyterToken(String value) {
      this.bearerToken = Secret.of(value);
      return this;
    }

    /** The cleaned instance. */
    public Instance build() {
      return new Instance(
          id,
          actualStatus,
          label,
          publicIp,
          ports,
          sshHost,
          sshPort,
          directPortStart,
          gpuName,
          gpuCount,
          gpuUtilization,
          gpuTemperature,
          dollarsPerHour,
          extraEnv,
          onstart,
          bearerToken);
    }

    private static String text(String value) {
      return value == null ? "" : value.strip();
    }

    private static Optional<String> optionalText(String value) {
      String stripped = text(value);
      return stripped.isEmpty() ? Optional.empty() : Optional.of(stripped);
    }

    private static OptionalDouble finite(Number value) {
      if (value == null) {
        return OptionalDouble.empty();
      }
      double number = value.doubleValue();
      return Double.isFinite(number) ? OptionalDouble.of(number) : OptionalDouble.empty();
    }
  }
}
