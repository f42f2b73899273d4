package dev.vastproxy.domain.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PortArgumentTest {

  @ParameterizedTest(name = "''{0}'' -> {1}")
  @CsvSource(
      value = {
        "'--host 127.0.0.1 --port 18000', 18000",
        "'--port=18000 --host 127.0.0.1', 18000",
        "'--port   30000', 30000",
        "'--port\t30001', 30001",
        "'--port 8000 --port 9000', 9000",
        "'--port 0', ",
        "'--port 65536', ",
        "'--port 65535', 65535",
        "'--port -1', ",
        "'--port abc', ",
        "'--port', ",
        "'--portal 1234', ",
        "'--port-range 1234', ",
        "'x--port 1234', ",
        "'--dashboard-port 28265', ",
        "'bash -c \"vllm serve m --port 18000\"', 18000",
        "'vllm serve m --port 18000;echo', 18000",
        "'', ",
        "NULL, "
      },
      nullValues = "NULL")
  void findsTheLastPortArgument(String commandLine, Integer expected) {
    assertThat(PortArgument.find(commandLine))
        .isEqualTo(expected == null ? OptionalInt.empty() : OptionalInt.of(expected));
  }
}
