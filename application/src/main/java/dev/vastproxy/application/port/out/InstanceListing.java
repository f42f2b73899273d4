package dev.vastproxy.application.port.out;

import dev.vastproxy.domain.instance.Instance;
import java.util.List;

/**
 * One complete listing of the account's instances.
 *
 * @param instances every row that could be read
 * @param skippedRows every row that could not be read
 */
public record InstanceListing(List<Instance> instances, List<SkippedRow> skippedRows) {
  public InstanceListing {
    instances = List.copyOf(instances);
    skippedRows = List.copyOf(skippedRows);
  }
}
