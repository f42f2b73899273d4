package dev.vastproxy.adapters.vastai;

import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.openapi.model.PortBinding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps one generated vast.ai instance row to the domain's {@link Instance}, at the adapter edge.
 */
final class InstanceRowMapper {
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
    return Instance.builder(id)
        .actualStatus(row.getActualStatus())
        .label(row.getLabel())
        .publicIpAddr(row.getPublicIpaddr())
        .ports(hostPorts(row.getPorts()))
        .sshHost(row.getSshHost())
        .sshPort(row.getSshPort())
        .directPortStart(row.getDirectPortStart())
        .gpuName(row.getGpuName())
        .gpuCount(row.getNumGpus())
        .gpuUtilization(row.getGpuUtil())
        .gpuTemperature(row.getGpuTemp())
        .dollarsPerHour(row.getDphTotal())
        .extraEnv(row.getExtraEnv())
        .onstart(row.getOnstart())
        .jupyterToken(row.getJupyterToken())
        .build();
  }

  private static Map<String, List<String>> hostPorts(Map<String, List<PortBinding>> ports) {
    if (ports == null) {
      return Map.of();
    }
    Map<String, List<String>> hostPorts = new LinkedHashMap<>();
    ports.forEach(
        (key, bindings) -> {
          List<String> texts = new ArrayList<>();
          if (bindings != null) {
            for (PortBinding binding : bindings) {
              if (binding != null) {
                texts.add(binding.getHostPort());
              }
            }
          }
          hostPorts.put(key, texts);
        });
    return hostPorts;
  }
}
