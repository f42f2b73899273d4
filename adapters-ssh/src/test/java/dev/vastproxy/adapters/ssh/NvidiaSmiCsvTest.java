package dev.vastproxy.adapters.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vastproxy.domain.backend.GpuReading;
import dev.vastproxy.domain.testing.Fixtures;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NvidiaSmiCsvTest {

  private static String fixture(String name) throws Exception {
    return Fixtures.read("nvidia-smi/" + name);
  }

  @ParameterizedTest(name = "{0}: {1} GPUs")
  @CsvSource({
    "two-gpus.csv, 2",
    "eight-gpus.csv, 8",
    "one-idle-gpu.csv, 1",
    "not-available-fields.csv, 2"
  })
  void readsEveryFixture(String name, int gpus) throws Exception {
    assertThat(NvidiaSmiCsv.parse(fixture(name))).hasSize(gpus);
  }

  @Test
  void readsEachField() throws Exception {
    List<GpuReading> readings = NvidiaSmiCsv.parse(fixture("two-gpus.csv"));

    assertThat(readings.get(1))
        .isEqualTo(
            new GpuReading(
                1,
                OptionalDouble.of(100),
                OptionalDouble.of(73),
                OptionalLong.of(23890),
                OptionalLong.of(24564)));
  }

  @Test
  void unavailableFieldsAreUnknownNotFailures() throws Exception {
    List<GpuReading> readings = NvidiaSmiCsv.parse(fixture("not-available-fields.csv"));

    assertThat(readings.get(0).utilization()).isEmpty();
    assertThat(readings.get(0).temperature()).hasValue(44);
    assertThat(readings.get(1).utilization()).isEmpty();
    assertThat(readings.get(1).temperature()).isEmpty();
    assertThat(readings.get(1).memoryUsedMib()).hasValue(15321);
  }

  @Test
  void aDriverFailureOrNothingIsAFailedProbe() throws Exception {
    assertThatThrownBy(() -> NvidiaSmiCsv.parse(fixture("driver-failure.txt")))
        .hasMessageStartingWith("unexpected nvidia-smi output: NVIDIA-SMI has failed");
    assertThatThrownBy(() -> NvidiaSmiCsv.parse(fixture("empty.csv")))
        .hasMessage("nvidia-smi printed nothing");
    assertThatThrownBy(() -> NvidiaSmiCsv.parse("0, 101, 40, 1, 2"))
        .hasMessageContaining("unexpected");
    assertThatThrownBy(() -> NvidiaSmiCsv.parse("x, 1, 40, 1, 2")).hasMessageContaining("x, 1");
  }

  @Test
  void ordersByIndex() {
    assertThat(NvidiaSmiCsv.parse("1, 5, 40, 1, 2\r\n0, 6, 41, 1, 2\n"))
        .extracting(GpuReading::index)
        .containsExactly(0, 1);
  }
}
