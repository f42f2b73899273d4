package dev.vastproxy.adapters.vastai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vastproxy.domain.testing.Fixtures;
import dev.vastproxy.openapi.model.Instance;
import dev.vastproxy.openapi.model.InstanceListResponse;
import dev.vastproxy.openapi.model.InstanceResponse;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TolerantInstanceRowsTest {
  private final ObjectMapper mapper = VastAiClientFactory.objectMapper();

  @Test
  void readsTheFixturesAsBefore() throws Exception {
    InstanceListResponse page =
        mapper.readValue(Fixtures.read("vastai/list_v1_page.json"), InstanceListResponse.class);
    InstanceResponse shown =
        mapper.readValue(Fixtures.read("vastai/show_instance.json"), InstanceResponse.class);
    InstanceResponse gone =
        mapper.readValue(Fixtures.read("vastai/show_instance_gone.json"), InstanceResponse.class);

    assertThat(page.getInstances())
        .extracting(Instance::getId)
        .containsExactly(24681357L, 24681402L);
    assertThat(page.getInstances().get(0).getPorts().get("8000/tcp").get(0).getHostPort())
        .isEqualTo("40153");
    assertThat(shown.getInstances().getId()).isEqualTo(24681357L);
    assertThat(gone.getInstances()).isNull();
  }

  @Test
  void unwrapsAOneElementArrayWhereOneInstanceIsExpected() throws Exception {
    InstanceResponse shown =
        mapper.readValue(
            "{\"instances\": [{\"id\": 5, \"num_gpus\": 1.0}]}", InstanceResponse.class);

    assertThat(shown.getInstances().getId()).isEqualTo(5L);
    assertThat(shown.getInstances().getNumGpus()).isEqualTo(1);
  }

  @Test
  void describesAMalformedRowWithoutItsValues() throws Exception {
    InstanceResponse shown =
        mapper.readValue(
            "{\"instances\": {\"id\": \"77\", \"ports\": {\"8000/tcp\": [{\"HostPort\": {}}]},"
                + " \"jupyter_token\": \"s3cret\"}}",
            InstanceResponse.class);

    assertThat(shown.getInstances())
        .isEqualTo(
            new MalformedInstanceRow(
                Optional.of(77L), "field 'ports.8000/tcp[0].HostPort' has an unexpected type"));
    assertThat(shown.getInstances().toString())
        .isEqualTo(
            "MalformedInstanceRow[id 77: field 'ports.8000/tcp[0].HostPort' has an unexpected type]")
        .doesNotContain("s3cret");
  }

  @Test
  void anIdThatIsNoNumberIsNotNamed() throws Exception {
    InstanceResponse shown =
        mapper.readValue(
            "{\"instances\": {\"id\": 99999999999999999999999, \"gpu_util\": \"hot\"}}",
            InstanceResponse.class);

    MalformedInstanceRow row = (MalformedInstanceRow) shown.getInstances();
    assertThat(row.rowId()).isEmpty();
    assertThat(row.hashCode())
        .isEqualTo(new MalformedInstanceRow(row.rowId(), row.problem()).hashCode());
  }
}
