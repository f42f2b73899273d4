package dev.vastproxy.application.port.out;

import dev.vastproxy.domain.instance.Instance;
import java.util.List;

/**
 * One complete listing of the account's instances.
 *
 * @param instances every row that could be read
 * @param skippedRows one description per row that could not be read (without secrets)
 */
public record InstanceListing(List<Instance> instances, List<String> skippedRows) {
  public InstanceListing {
    instances = List.copyOf(instances);
    skippedRows = List.copyOf(skippedRows);
  }
}
