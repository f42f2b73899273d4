package dev.vastproxy.adapters.vastai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.testing.Fixtures;
import dev.vastproxy.openapi.model.InstanceListResponse;
import dev.vastproxy.openapi.model.InstanceResponse;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InstanceRowReaderTest {
  private final ObjectMapper mapper = VastAiClientFactory.objectMapper();
  private final InstanceRowReader reader = new InstanceRowReader(mapper);

  private RowReading readRow(String json) throws Exception {
    return reader.read(mapper.readValue(json, Object.class));
  }

  private static Instance accepted(RowReading reading) {
    assertThat(reading).isInstanceOf(RowReading.Accepted.class);
    return ((RowReading.Accepted) reading).instance();
  }

  @Test
  void readsTheFixturesAsBefore() throws Exception {
    InstanceListResponse page =
        mapper.readValue(Fixtures.read("vastai/list_v1_page.json"), InstanceListResponse.class);
    InstanceResponse shown =
        mapper.readValue(Fixtures.read("vastai/show_instance.json"), InstanceResponse.class);
    InstanceResponse gone =
        mapper.readValue(Fixtures.read("vastai/show_instance_gone.json"), InstanceResponse.class);

    assertThat(page.getInstances())
        .extracting(row -> accepted(reader.read(row)).id())
        .containsExactly(new InstanceId(24681357L), new InstanceId(24681402L));
    assertThat(accepted(reader.read(page.getInstances().get(0))).ports().hostPort(8000))
        .hasValue(40153);
    assertThat(shown.getInstances().getId()).isEqualTo(24681357L);
    assertThat(gone.getInstances()).isNull();
  }

  @Test
  void unwrapsAOneElementArrayWhereOneInstanceIsExpected() throws Exception {
    InstanceResponse shown =
        mapper.readValue(
            "{\"instances\": [{\"id\": 5, \"num_gpus\": 1.0}]}", InstanceResponse.class);
    Instance row = accepted(readRow("[{\"id\": 5, \"num_gpus\": 1.0}]"));

    assertThat(shown.getInstances().getId()).isEqualTo(5L);
    assertThat(shown.getInstances().getNumGpus()).isEqualTo(1);
    assertThat(row.id()).isEqualTo(new InstanceId(5));
    assertThat(row.gpuCount()).isEqualTo(1);
  }

  @Test
  void describesAMalformedRowWithoutItsValues() throws Exception {
    RowReading reading =
        readRow(
            "{\"id\": \"77\", \"ports\": {\"8000/tcp\": [{\"HostPort\": {}}]},"
                + " \"jupyter_token\": \"s3cret\"}");

    assertThat(reading)
        .isEqualTo(
            new RowReading.Rejected(
                Optional.of(new InstanceId(77)),
                "field 'ports.8000/tcp[0].HostPort' has an unexpected type"));
    assertThat(reading.toString())
        .isEqualTo("Rejected[id 77: field 'ports.8000/tcp[0].HostPort' has an unexpected type]")
        .doesNotContain("s3cret");
  }

  @Test
  void anIdThatIsNoNumberIsNotNamed() throws Exception {
    RowReading.Rejected row =
        (RowReading.Rejected) readRow("{\"id\": 99999999999999999999999, \"gpu_util\": \"hot\"}");

    assertThat(row.id()).isEmpty();
    assertThat(row.hashCode())
        .isEqualTo(new RowReading.Rejected(row.id(), row.problem()).hashCode());
  }

  @Test
  void rejectsRowsThatAreNullOrNoObjectOrWithoutId() throws Exception {
    assertThat(reader.read(null))
        .isEqualTo(new RowReading.Rejected(Optional.empty(), "the row is null"));
    assertThat(readRow("\"text\""))
        .isEqualTo(
            new RowReading.Rejected(Optional.empty(), "the row is not a JSON object but string"));
    assertThat(readRow("{\"id\": 0}"))
        .isEqualTo(new RowReading.Rejected(Optional.empty(), "row has no positive id"));
    assertThat(readRow("{\"actual_status\": \"running\"}").toString())
        .isEqualTo("Rejected[row has no positive id]");
  }
}
