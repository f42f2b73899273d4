package dev.vastproxy.adapters.vastai;

import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.domain.instance.Rental;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Maps one generated vast.ai instance row to the domain's {@link Instance}, cleaning the API's
 * quirks at the adapter edge: {@code null} anywhere, text with surrounding whitespace or a trailing
 * newline, numbers that are no port or not finite (dropped).
 */
final class InstanceRowMapper {
  /** Beyond the year 9999: a contract end past it is noise, not a date. */
  private static final double MAX_EPOCH_SECONDS = 253_402_300_799d;

  private InstanceRowMapper() {}

  /**
   * The domain instance for a row.
   *
   * @throws IllegalArgumentException when the row has no usable id
   */
  static Instance toDomain(dev.vastproxy.openapi.model.Instance row) {
    Long id = row.getId();
    if (id == null || id <= 0) {
      throw new IllegalArgumentException("row has no positive id");
    }
    Instance.Builder instance =
        Instance.builder(id)
            .status(text(row.getActualStatus()).toLowerCase(Locale.ROOT))
            .ports(PortMappingsReader.read(row.getPorts()))
            .gpuName(text(row.getGpuName()))
            .gpuCount(gpuCount(row.getNumGpus()))
            .dollarsPerHour(dollarsPerHour(row.getDphTotal()))
            .env(ExtraEnvReader.read(row.getExtraEnv()))
            .onstart(text(row.getOnstart()))
            .token(row.getJupyterToken())
            .rental(rental(row));
    optionalText(row.getLabel())
        .map(StopMarkLabel::read)
        .ifPresent(
            parts -> {
              parts.label().ifPresent(instance::label);
              parts.mark().ifPresent(instance::stopMark);
            });
    optionalText(row.getPublicIpaddr()).ifPresent(instance::address);
    optionalText(row.getSshHost()).ifPresent(instance::sshHost);
    PortMappingsReader.port(row.getSshPort()).ifPresent(instance::sshPort);
    PortMappingsReader.port(row.getDirectPortStart()).ifPresent(instance::directPortStart);
    finite(row.getGpuUtil()).ifPresent(instance::gpuUtilization);
    finite(row.getGpuTemp()).ifPresent(instance::gpuTemperature);
    return instance.build();
  }

  /** Image, intended and contract states, and the contract end (epoch seconds, a float). */
  private static Rental rental(dev.vastproxy.openapi.model.Instance row) {
    Rental rental =
        Rental.unknown()
            .withImage(text(row.getImageUuid()))
            .withStates(
                text(row.getIntendedStatus()).toLowerCase(Locale.ROOT),
                text(row.getCurState()).toLowerCase(Locale.ROOT));
    OptionalDouble end = finite(row.getEndDate());
    if (end.isPresent() && end.getAsDouble() > 0 && end.getAsDouble() < MAX_EPOCH_SECONDS) {
      rental = rental.withEndDate(Instant.ofEpochMilli(Math.round(end.getAsDouble() * 1000)));
    }
    return rental;
  }

  private static String text(String value) {
    return value == null ? "" : value.strip();
  }

  private static Optional<String> optionalText(String value) {
    String stripped = text(value);
    return stripped.isEmpty() ? Optional.empty() : Optional.of(stripped);
  }

  private static int gpuCount(Integer value) {
    return value == null || value < 0 ? 0 : value;
  }

  private static double dollarsPerHour(Double value) {
    OptionalDouble cost = finite(value);
    return cost.isPresent() && cost.getAsDouble() > 0 ? cost.getAsDouble() : 0;
  }

  private static OptionalDouble finite(Number value) {
    if (value == null) {
      return OptionalDouble.empty();
    }
    double number = value.doubleValue();
    return Double.isFinite(number) ? OptionalDouble.of(number) : OptionalDouble.empty();
  }
}
