package dev.vastproxy.domain.instance;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One rented vast.ai instance: typed, validated values (the vast.ai adapter cleans the wire rows).
 *
 * @param id the contract id
 * @param actualStatus the container state as an open string ({@code running}, {@code loading}…),
 *     trimmed and lower-cased; empty while provisioning
 * @param label the user-visible label, if any (without the proxy's stop mark)
 * @param stopMark the proxy's stop, when the label keeps one
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
 * @param rental its image, intended and contract states, and contract end
 */
public record Instance(
    InstanceId id,
    String actualStatus,
    Optional<String> label,
    Optional<StopMark> stopMark,
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
    Secret bearerToken,
    Rental rental) {

  /** The status of an instance whose container runs. */
  public static final String RUNNING = "running";

  public Instance {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(actualStatus, "actualStatus");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(stopMark, "stopMark");
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
    Objects.requireNonNull(rental, "rental");
    if (gpuCount < 0) {
      throw new IllegalArgumentException("gpuCount must not be negative, got " + gpuCount);
    }
    if (!(dollarsPerHour >= 0) || Double.isInfinite(dollarsPerHour)) {
      throw new IllegalArgumentException("dollarsPerHour must be a finite number >= 0");
    }
    if (!actualStatus.equals(actualStatus.strip().toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("actualStatus must be trimmed lower-case text");
    }
    label.ifPresent(text -> requireTrimmedText(text, "label"));
    publicIp.ifPresent(text -> requireTrimmedText(text, "publicIp"));
    sshHost.ifPresent(text -> requireTrimmedText(text, "sshHost"));
    gpuUtilization.ifPresent(value -> requireFinite(value, "gpuUtilization"));
    gpuTemperature.ifPresent(value -> requireFinite(value, "gpuTemperature"));
    sshPort.ifPresent(port -> PortNumber.require(port, "sshPort"));
    directPortStart.ifPresent(port -> PortNumber.require(port, "directPortStart"));
  }

  /** Starts an instance with nothing known but its id: not running, no address, no ports. */
  public static Builder builder(long id) {
    return new Builder(new InstanceId(id));
  }

  private static void requireTrimmedText(String text, String what) {
    if (text.isBlank() || !text.equals(text.strip())) {
      throw new IllegalArgumentException(
          what + " must be non-blank text without surrounding space");
    }
  }

  private static void requireFinite(double value, String what) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(what + " must be a finite number");
    }
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
   * The same instance with another label (empty: none) and stop mark, as vast.ai lists it after a
   * label change (which replaces both).
   */
  public Instance withLabel(Optional<String> value, Optional<StopMark> mark) {
    return with(actualStatus, value, mark, rental);
  }

  /** The same instance with another image, states or contract end. */
  public Instance withRental(Rental value) {
    return with(actualStatus, label, stopMark, value);
  }

  /** The same instance in another container state, asked for as {@code intended}. */
  public Instance withStatus(String actual, String intended) {
    return with(actual, label, stopMark, rental.withStates(intended, intended));
  }

  /** The same hardware, address and engine with another state, label, mark and rental. */
  private Instance with(
      String actual, Optional<String> newLabel, Optional<StopMark> newMark, Rental newRental) {
    return new Instance(
        id,
        actual,
        newLabel,
        newMark,
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
        bearerToken,
        newRental);
  }

  /**
   * Collects an instance's typed values; each setter rejects a value the instance could not hold
   * (the vast.ai adapter cleans the API's quirks before it calls them).
   */
  public static final class Builder {
    private final InstanceId id;
    private String actualStatus = "";
    private Optional<String> label = Optional.empty();
    private Optional<StopMark> stopMark = Optional.empty();
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
    private Rental rental = Rental.unknown();

    private Builder(InstanceId id) {
      this.id = id;
    }

    /**
     * The container state, trimmed and lower-case, e.g. {@code loading}; empty while provisioning.
     */
    public Builder status(String value) {
      this.actualStatus = Objects.requireNonNull(value, "status");
      return this;
    }

    /** The container runs. */
    public Builder running() {
      return status(RUNNING);
    }

    /** The user-visible label. */
    public Builder label(String value) {
      this.label = Optional.of(value);
      return this;
    }

    /** The proxy's stop, as the label keeps it. */
    public Builder stopMark(StopMark value) {
      this.stopMark = Optional.of(value);
      return this;
    }

    /** The public address, e.g. {@code 203.0.113.47}. */
    public Builder address(String value) {
      this.publicIp = Optional.of(value);
      return this;
    }

    /** Publishes a container TCP port on a host port (replacing where it was published). */
    public Builder portMapping(int containerPort, int hostPort) {
      this.ports = ports.with(containerPort, hostPort);
      return this;
    }

    /** Replaces every published port. */
    public Builder ports(PortMappings value) {
      this.ports = Objects.requireNonNull(value, "ports");
      return this;
    }

    /** The vast SSH proxy host. */
    public Builder sshHost(String value) {
      this.sshHost = Optional.of(value);
      return this;
    }

    /** The port on the SSH proxy host. */
    public Builder sshPort(int value) {
      this.sshPort = OptionalInt.of(value);
      return this;
    }

    /** The first port of the machine's direct range. */
    public Builder directPortStart(int value) {
      this.directPortStart = OptionalInt.of(value);
      return this;
    }

    /** The GPU model, e.g. {@code RTX 4090}. */
    public Builder gpuName(String value) {
      this.gpuName = Objects.requireNonNull(value, "gpuName");
      return this;
    }

    /** How many GPUs. */
    public Builder gpuCount(int value) {
      this.gpuCount = value;
      return this;
    }

    /** vast.ai's utilisation figure for the whole instance, in percent. */
    public Builder gpuUtilization(double value) {
      this.gpuUtilization = OptionalDouble.of(value);
      return this;
    }

    /** vast.ai's GPU temperature figure, in °C. */
    public Builder gpuTemperature(double value) {
      this.gpuTemperature = OptionalDouble.of(value);
      return this;
    }

    /** The total cost per hour. */
    public Builder dollarsPerHour(double value) {
      this.dollarsPerHour = value;
      return this;
    }

    /** Sets one environment variable (a Docker option such as {@code -p 1:1} is dropped). */
    public Builder env(String name, String value) {
      this.extraEnv = extraEnv.with(name, value);
      return this;
    }

    /** Replaces the whole environment. */
    public Builder env(ExtraEnv value) {
      this.extraEnv = Objects.requireNonNull(value, "env");
      return this;
    }

    /** The on-start script. */
    public Builder onstart(String value) {
      this.onstart = Objects.requireNonNull(value, "onstart");
      return this;
    }

    /** The bearer token the instance portal accepts. */
    public Builder token(String value) {
      return token(Secret.of(value));
    }

    /** The bearer token the instance portal accepts. */
    public Builder token(Secret value) {
      this.bearerToken = Objects.requireNonNull(value, "token");
      return this;
    }

    /** The image, states and contract end. */
    public Builder rental(Rental value) {
      this.rental = Objects.requireNonNull(value, "rental");
      return this;
    }

    /** The Docker image, e.g. {@code vastai/vllm:v0.16.0-cuda-12.9}. */
    public Builder image(String value) {
      return rental(rental.withImage(value));
    }

    /** The instance; throws when a value breaks the record's rules. */
    public Instance build() {
      return new Instance(
          id,
          actualStatus,
          label,
          stopMark,
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
          bearerToken,
          rental);
    }
  }
}
