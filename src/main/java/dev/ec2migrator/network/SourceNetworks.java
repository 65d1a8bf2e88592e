package dev.ec2migrator.network;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ec2migrator.cloudformation.FleetPlan;
import dev.ec2migrator.cloudformation.InstancePlan;
import dev.ec2migrator.cloudformation.ResultColumn;
import dev.ec2migrator.cloudformation.ResultRow;
import dev.ec2migrator.output.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The templating route's network step. In {@code recreate} mode the run's source network comes from
 * outbox/&lt;run&gt;.network.json, described (and that file written) on the first render, so that
 * later renders of a hand-edited CSV work offline; in {@code existing} mode the instances go into
 * an existing network by parameters, and nothing is described.
 */
public class SourceNetworks {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private final String mode;
  private final Path outbox;
  private final SourceNetworkDescriber describer;
  private final Map<String, String> azMap;

  /**
   * @param azMap "source-az=target-az,..." or empty for the mapping by index
   */
  public SourceNetworks(
      String mode, String outbox, SourceNetworkDescriber describer, String azMap) {
    if (!mode.equals("existing") && !mode.equals("recreate")) {
      throw new IllegalArgumentException(
          "migrator.network.mode must be existing or recreate, not " + mode);
    }
    this.mode = mode;
    this.outbox = Path.of(outbox);
    this.describer = describer;
    this.azMap = parseAzMap(azMap);
  }

  public FleetPlan attach(FleetPlan fleet, List<ResultRow> rows) {
    if (mode.equals("existing") || fleet.instances().isEmpty()) {
      return fleet;
    }
    Path file = outbox.resolve(fleet.runId() + ".network.json");
    SourceNetwork network;
    if (Files.isRegularFile(file)) {
      network = read(file);
    } else {
      String sourceRegion =
          rows.stream()
              .map(r -> r.get(ResultColumn.SOURCE_REGION))
              .filter(s -> !s.isBlank())
              .findFirst()
              .orElseThrow(() -> new IllegalArgumentException("no row names a source_region"));
      network =
          describer.describe(
              sourceRegion,
              fleet.targetRegion(),
              fleet.instances().stream().map(InstancePlan::sourceInstanceId).toList(),
              azMap);
      write(file, network);
    }
    return new NetworkPlanner().place(fleet, network, file.toString());
  }

  private static SourceNetwork read(Path file) {
    try {
      SourceNetwork network = JSON.readValue(file.toFile(), SourceNetwork.class);
      if (network == null
          || network.vpcs() == null
          || network.subnets() == null
          || network.routeTables() == null
          || network.internetGateways() == null
          || network.natGateways() == null
          || network.securityGroups() == null
          || network.instances() == null) {
        throw new IllegalArgumentException(
            file
                + ": a network description needs every list (vpcs, subnets, routeTables, internetGateways, natGateways, securityGroups, instances)");
      }
      return network;
    } catch (IOException e) {
      throw new IllegalArgumentException(
          file + " is not a network description: " + e.getMessage(), e);
    }
  }

  private static void write(Path file, SourceNetwork network) {
    try {
      OwnerOnly.directory(file.getParent());
      OwnerOnly.write(file, JSON.writeValueAsBytes(network));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> parseAzMap(String value) {
    Map<String, String> map = new LinkedHashMap<>();
    Arrays.stream(value.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .forEach(
            pair -> {
              String[] parts = pair.split("=");
              if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new IllegalArgumentException(
                    "migrator.network.az-map: \"" + pair + "\" is not source-az=target-az");
              }
              map.put(parts[0].strip(), parts[1].strip());
            });
    return map;
  }
}
