package dev.vastproxy.adapters.vastai;

import dev.vastproxy.application.port.out.InstanceListing;
import dev.vastproxy.application.port.out.ListInstancesPort;
import dev.vastproxy.application.port.out.SkippedRow;
import dev.vastproxy.application.port.out.VastApiException;
import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.openapi.api.InstancesApi;
import dev.vastproxy.openapi.model.InstanceListResponse;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Lists the account's instances with {@code GET /api/v1/instances/}, following {@code next_token}
 * page by page, and maps each readable row to a domain {@link Instance}. A page whose {@code
 * instances} is null or missing fails the listing: only an explicit empty list means "nothing".
 */
public final class VastAiInstancesAdapter implements ListInstancesPort {
  /** Rows per page; vast.ai's maximum. */
  static final int PAGE_SIZE = 25;

  /** Stable paging: by id, ascending. */
  static final String ORDER_BY = "[{\"col\":\"id\",\"dir\":\"asc\"}]";

  /** No filter: every instance of the account (the CLI sends the same). */
  static final String NO_FILTERS = "{}";

  /** A stop for a server that never ends its pages: 10 000 instances. */
  static final int MAX_PAGES = 400;

  private static final Logger LOG = System.getLogger(VastAiInstancesAdapter.class.getName());

  private final VastAiConnection connection;
  private final InstancesApi api;
  private final VastAiCaller caller;
  private final InstanceRowReader rowReader;

  /** Lists over the given connection. */
  public VastAiInstancesAdapter(VastAiConnection connection) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.api = connection.instances();
    this.caller = connection.caller("list instances");
    this.rowReader = new InstanceRowReader(VastAiClientFactory.objectMapper());
  }

  @Override
  public InstanceListing listInstances() throws VastApiException {
    List<Instance> instances = new ArrayList<>();
    List<SkippedRow> skipped = new ArrayList<>();
    Set<String> tokensSeen = new HashSet<>();
    String afterToken = null;
    for (int page = 1; page <= MAX_PAGES; page++) {
      InstanceListResponse response = fetch(afterToken);
      List<Object> rows = response.getInstances();
      if (rows == null) {
        // Only an explicit [] says "nothing is running"; a page without a list says nothing,
        // and reading it as empty would remove every backend.
        throw connection.errors().malformed(noInstancesOn(page));
      }
      for (int row = 0; row < rows.size(); row++) {
        read(rows.get(row), "page " + page + ", row " + (row + 1), instances, skipped);
      }
      String next = response.getNextToken();
      if (next == null || next.isBlank()) {
        LOG.log(
            Level.DEBUG,
            "vast.ai listed {0} instances on {1} pages ({2} rows skipped)",
            instances.size(),
            page,
            skipped.size());
        return new InstanceListing(instances, skipped);
      }
      if (!tokensSeen.add(next)) {
        throw connection.errors().malformed("the instance list repeats a page token");
      }
      afterToken = next;
    }
    throw connection.errors().malformed("the instance list has more than " + MAX_PAGES + " pages");
  }

  /** What a page with a null or missing {@code instances} list is reported as. */
  static String noInstancesOn(int page) {
    return "page "
        + page
        + " of the instance list has no 'instances' list (null or missing),"
        + " so it tells nothing about the fleet";
  }

  private InstanceListResponse fetch(String afterToken) throws VastApiException {
    InstanceListResponse response =
        caller.call(() -> api.listInstances(PAGE_SIZE, afterToken, ORDER_BY, null, NO_FILTERS));
    if (response == null) {
      throw connection.errors().malformed("an instance list page without a body");
    }
    if (Boolean.FALSE.equals(response.getSuccess())) {
      throw connection.errors().refused(response.getError(), response.getMsg());
    }
    return response;
  }

  private void read(
      Object rawRow, String where, List<Instance> instances, List<SkippedRow> skipped) {
    RowReading reading = rowReader.read(rawRow);
    if (reading instanceof RowReading.Accepted accepted) {
      instances.add(accepted.instance());
    } else if (reading instanceof RowReading.Rejected rejected) {
      skipped.add(new SkippedRow(where, rejected.id(), rejected.problem()));
    }
  }

  @Override
  public Duration answerTimeout() {
    return connection.tuning().requestTimeout();
  }

  @Override
  public String toString() {
    return "VastAiInstancesAdapter[" + connection.baseUri() + "]";
  }
}
