package dev.ec2migrator.cloudformation;

import static dev.ec2migrator.cloudformation.ResultColumn.DEVICE;
import static dev.ec2migrator.cloudformation.ResultColumn.ERROR;
import static dev.ec2migrator.cloudformation.ResultColumn.INSTANCE_NAME;
import static dev.ec2migrator.cloudformation.ResultColumn.INSTANCE_TYPE;
import static dev.ec2migrator.cloudformation.ResultColumn.IS_ROOT;
import static dev.ec2migrator.cloudformation.ResultColumn.PRIVATE_IP;
import static dev.ec2migrator.cloudformation.ResultColumn.RUN_ID;
import static dev.ec2migrator.cloudformation.ResultColumn.SOURCE_AZ;
import static dev.ec2migrator.cloudformation.ResultColumn.SOURCE_INSTANCE_ID;
import static dev.ec2migrator.cloudformation.ResultColumn.SOURCE_SUBNET_ID;
import static dev.ec2migrator.cloudformation.ResultColumn.SOURCE_VOLUME_ID;
import static dev.ec2migrator.cloudformation.ResultColumn.STATUS;
import static dev.ec2migrator.cloudformation.ResultColumn.TARGET_IMAGE_ID;
import static dev.ec2migrator.cloudformation.ResultColumn.TARGET_REGION;
import static dev.ec2migrator.cloudformation.ResultColumn.TARGET_SNAPSHOT_ID;
import static dev.ec2migrator.cloudformation.ResultColumn.TARGET_SUBNET_ID;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns the CSV rows into the fleet to recreate and the instances left out, checking every id. */
public class TemplateModelBuilder {

  // one value per instance; two rows of one instance that disagree mean a bad hand edit
  private static final List<ResultColumn> INSTANCE_COLUMNS =
      List.of(
          INSTANCE_NAME, INSTANCE_TYPE, SOURCE_SUBNET_ID, SOURCE_AZ, PRIVATE_IP, TARGET_IMAGE_ID);

  private final boolean simulated;

  public TemplateModelBuilder(boolean simulated) {
    this.simulated = simulated;
  }

  public FleetPlan build(List<ResultRow> rows) {
    String runId = single(rows, RUN_ID, "one run per CSV");
    CellFormat.RUN_ID.check(rows.get(0), RUN_ID);
    Map<String, List<ResultRow>> byInstance = groupByInstance(rows);
    String targetRegion = targetRegion(rows);

    Map<String, SubnetParameter> subnets = subnetParameters(rows);

    List<InstancePlan> instances = new ArrayList<>();
    List<SkippedInstance> skipped = new ArrayList<>();
    byInstance.forEach(
        (instanceId, instanceRows) -> {
          String reason = reasonToSkip(instanceRows);
          if (reason == null) {
            checkSameValues(instanceRows);
            SubnetParameter subnet = subnets.get(instanceRows.get(0).get(SOURCE_SUBNET_ID));
            instances.add(instancePlan(instanceId, subnet, instanceRows));
          } else {
            skipped.add(
                new SkippedInstance(instanceId, YamlString.of(instanceId), YamlString.of(reason)));
          }
        });
    // grouped by subnet so that split stacks need few subnet parameters each
    instances.sort(
        Comparator.comparing((InstancePlan i) -> i.subnet().sourceSubnetId())
            .thenComparing(InstancePlan::sourceInstanceId));
    skipped.sort(Comparator.comparing(SkippedInstance::sourceInstanceId));
    return new FleetPlan(runId, targetRegion, simulated, instances, skipped, null);
  }

  private static Map<String, List<ResultRow>> groupByInstance(List<ResultRow> rows) {
    Map<String, List<ResultRow>> byInstance = new LinkedHashMap<>();
    Map<String, Long> volumeLines = new HashMap<>();
    for (ResultRow row : rows) {
      String instanceId = AwsIdFormat.INSTANCE.check(row, SOURCE_INSTANCE_ID);
      CellFormat.STATUS.check(row, STATUS);
      String volumeId;
      if (isFailed(row)) {
        // a step that failed early (e.g. describe) leaves the rest of its row empty
        AwsIdFormat.SUBNET.checkOptional(row, SOURCE_SUBNET_ID);
        volumeId = AwsIdFormat.VOLUME.checkOptional(row, SOURCE_VOLUME_ID);
        CellFormat.BOOLEAN.checkOptional(row, IS_ROOT);
      } else {
        AwsIdFormat.SUBNET.check(row, SOURCE_SUBNET_ID);
        volumeId = AwsIdFormat.VOLUME.check(row, SOURCE_VOLUME_ID);
        CellFormat.BOOLEAN.check(row, IS_ROOT);
      }
      Long earlier = volumeId == null ? null : volumeLines.putIfAbsent(volumeId, row.line());
      if (earlier != null) {
        throw new InvalidResultsCsvException(
            row.line(), "volume " + volumeId + " is already listed on line " + earlier);
      }
      byInstance.computeIfAbsent(instanceId, id -> new ArrayList<>()).add(row);
    }
    return byInstance;
  }

  /**
   * One parameter per source subnet; a subnet lies in one AZ, so its rows must agree, and so must
   * the target subnets the instance list named for it (the parameter's one Default).
   */
  private static Map<String, SubnetParameter> subnetParameters(List<ResultRow> rows) {
    Map<String, ResultRow> firstRowOfSubnet = new LinkedHashMap<>();
    Map<String, ResultRow> targetOfSubnet = new HashMap<>();
    for (ResultRow row : rows.stream().filter(r -> !r.isBlank(SOURCE_SUBNET_ID)).toList()) {
      ResultRow first = firstRowOfSubnet.putIfAbsent(row.get(SOURCE_SUBNET_ID), row);
      if (first != null && !first.get(SOURCE_AZ).equals(row.get(SOURCE_AZ))) {
        throw new InvalidResultsCsvException(
            row.line(),
            "source_az differs from line "
                + first.line()
                + " for the same subnet "
                + row.get(SOURCE_SUBNET_ID));
      }
      if (!row.isBlank(TARGET_SUBNET_ID)) {
        AwsIdFormat.SUBNET.checkOptional(row, TARGET_SUBNET_ID);
        ResultRow named = targetOfSubnet.putIfAbsent(row.get(SOURCE_SUBNET_ID), row);
        if (named != null && !named.get(TARGET_SUBNET_ID).equals(row.get(TARGET_SUBNET_ID))) {
          throw new InvalidResultsCsvException(
              row.line(),
              "target_subnet_id differs from line "
                  + named.line()
                  + " for the same source subnet "
                  + row.get(SOURCE_SUBNET_ID)
                  + " (one target subnet per source subnet)");
        }
      }
    }
    Map<String, SubnetParameter> parameters = new HashMap<>();
    firstRowOfSubnet.forEach(
        (subnetId, row) ->
            parameters.put(
                subnetId,
                SubnetParameter.forSourceSubnet(
                    subnetId,
                    CellFormat.AVAILABILITY_ZONE.checkOptional(row, SOURCE_AZ),
                    targetOfSubnet.containsKey(subnetId)
                        ? targetOfSubnet.get(subnetId).get(TARGET_SUBNET_ID)
                        : null)));
    return parameters;
  }

  private static String single(List<ResultRow> rows, ResultColumn column, String why) {
    String first = rows.get(0).get(column);
    for (ResultRow row : rows) {
      if (!row.get(column).equals(first)) {
        throw new InvalidResultsCsvException(
            row.line(),
            column.header() + " differs from line " + rows.get(0).line() + " (" + why + ")");
      }
    }
    return first;
  }

  /** A template deploys into one region; failed rows may not know the target. */
  private static String targetRegion(List<ResultRow> rows) {
    List<ResultRow> known = rows.stream().filter(r -> !r.isBlank(TARGET_REGION)).toList();
    if (known.isEmpty()) {
      throw new InvalidResultsCsvException(rows.get(0).line(), "no row names a target_region");
    }
    CellFormat.REGION.check(known.get(0), TARGET_REGION);
    return single(known, TARGET_REGION, "a template deploys into one region");
  }

  private static void checkSameValues(List<ResultRow> instanceRows) {
    ResultRow first = instanceRows.get(0);
    for (ResultRow row : instanceRows) {
      for (ResultColumn column : INSTANCE_COLUMNS) {
        if (!row.get(column).equals(first.get(column))) {
          throw new InvalidResultsCsvException(
              row.line(),
              column.header()
                  + " differs from line "
                  + first.line()
                  + " for the same instance "
                  + first.get(SOURCE_INSTANCE_ID));
        }
      }
    }
  }

  private static String reasonToSkip(List<ResultRow> instanceRows) {
    Set<String> errors = new LinkedHashSet<>();
    for (ResultRow row : instanceRows) {
      if (isFailed(row)) {
        errors.add(row.isBlank(ERROR) ? "FAILED without error text" : row.get(ERROR));
      }
    }
    if (!errors.isEmpty()) {
      return String.join("; ", errors);
    }
    if (instanceRows.get(0).isBlank(TARGET_IMAGE_ID)) {
      return "no target_image_id";
    }
    for (ResultRow row : instanceRows) {
      if (isDataVolume(row) && row.isBlank(TARGET_SNAPSHOT_ID)) {
        return "data volume " + row.get(SOURCE_VOLUME_ID) + " has no target_snapshot_id";
      }
    }
    return null;
  }

  private static boolean isFailed(ResultRow row) {
    return row.get(STATUS).equals("FAILED");
  }

  private static boolean isDataVolume(ResultRow row) {
    return row.get(IS_ROOT).equalsIgnoreCase("false");
  }

  private static InstancePlan instancePlan(
      String instanceId, SubnetParameter subnet, List<ResultRow> instanceRows) {
    ResultRow first = instanceRows.get(0);
    String hex = AwsIdFormat.hexPart(instanceId);
    String privateIp = CellFormat.IPV4.checkOptional(first, PRIVATE_IP);
    List<VolumePlan> volumes =
        instanceRows.stream()
            .filter(TemplateModelBuilder::isDataVolume)
            .map(VolumePlan::fromRow)
            .sorted(Comparator.comparing(v -> v.device().value()))
            .toList();
    checkDistinctDevices(instanceRows);
    return new InstancePlan(
        instanceId,
        "Instance" + hex,
        "NewInstanceFor" + hex,
        subnet,
        YamlString.of(instanceId),
        YamlString.of(AwsIdFormat.IMAGE.check(first, TARGET_IMAGE_ID)),
        YamlString.of(CellFormat.INSTANCE_TYPE.check(first, INSTANCE_TYPE)),
        YamlString.of(CellFormat.TAG_VALUE.check(first, INSTANCE_NAME)),
        privateIp == null ? null : YamlString.of(privateIp),
        YamlString.of("New instance recreated from source instance " + instanceId),
        volumes,
        null);
  }

  private static void checkDistinctDevices(List<ResultRow> instanceRows) {
    Map<String, Long> lineOfDevice = new HashMap<>();
    for (ResultRow row : instanceRows) {
      Long earlier = lineOfDevice.putIfAbsent(row.get(DEVICE), row.line());
      if (earlier != null) {
        throw new InvalidResultsCsvException(
            row.line(),
            "device " + YamlString.quote(row.get(DEVICE)) + " is already used on line " + earlier);
      }
    }
  }
}
