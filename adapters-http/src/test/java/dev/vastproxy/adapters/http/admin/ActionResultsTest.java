package dev.vastproxy.adapters.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.application.port.in.InstanceResult;
import dev.vastproxy.domain.fleet.ActionOutcome;
import dev.vastproxy.domain.instance.InstanceId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The body answering a fleet action. */
class ActionResultsTest {

  @Test
  void listsEachInstancesResult() {
    ActionResults results =
        ActionResults.of(
            List.of(
                new InstanceResult(new InstanceId(101), ActionOutcome.ok("destroyed")),
                new InstanceResult(
                    new InstanceId(102), ActionOutcome.failed("vast.ai answered \"500\""))));

    assertThat(new String(AdminJson.write(results), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"results\":["
                + "{\"id\":101,\"success\":true,\"message\":\"destroyed\"},"
                + "{\"id\":102,\"success\":false,\"message\":\"vast.ai answered \\\"500\\\"\"}"
                + "]}");
  }

  @Test
  void noInstancesIsAnEmptyList() {
    assertThat(new String(AdminJson.write(ActionResults.of(List.of())), StandardCharsets.UTF_8))
        .isEqualTo("{\"results\":[]}");
  }
}
