package dev.ec2migrator.deploy;

import dev.ec2migrator.aws.ApiAction;
import dev.ec2migrator.aws.ApiRateLimiter;
import dev.ec2migrator.aws.AwsCallException;
import dev.ec2migrator.aws.Ec2Clients;
import dev.ec2migrator.cloudformation.InstancePlan;
import dev.ec2migrator.cloudformation.VolumePlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceBlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.InstanceStatus;

/**
 * Checks every new instance of a deployed run: running, both status checks passed
 * (DescribeInstanceStatus), each data volume attached at its source device.
 */
public class InstanceVerifier {
  /** DescribeInstanceStatus takes at most 100 instance ids per call. */
  private static final int IDS_PER_CALL = 100;

  private final CloudFormationClients cloudFormation;
  private final Ec2Clients ec2;
  private final ApiRateLimiter limiter;
  private final Duration timeout;

  public InstanceVerifier(
      CloudFormationClients cloudFormation,
      Ec2Clients ec2,
      ApiRateLimiter limiter,
      String timeout) {
    this.cloudFormation = cloudFormation;
    this.ec2 = ec2;
    this.limiter = limiter;
    this.timeout = Duration.ofMillis(org.apache.camel.util.TimeUtils.toMilliSeconds(timeout));
  }

  /**
   * The new instance of each source instance, from the stacks' outputs (the template gives each new
   * instance an output named after its source instance).
   */
  public Verification start(DeployPlan plan) {
    Map<String, InstancePlan> byOutput =
        plan.fleet().instances().stream()
            .collect(Collectors.toMap(InstancePlan::outputLogicalId, Function.identity()));
    List<DeployedInstance> deployed = new ArrayList<>();
    for (StackDeployment stack : plan.stacks()) {
      for (Output output : outputs(stack)) {
        InstancePlan source = byOutput.get(output.outputKey());
        if (source != null) {
          deployed.add(new DeployedInstance(source, output.outputValue()));
        }
      }
    }
    return new Verification(plan, deployed, System.nanoTime() + timeout.toNanos());
  }

  /** One look at the undecided instances; at the deadline the rest are not verified. */
  public void poll(Verification v) {
    List<DeployedInstance> open = v.instances().stream().filter(i -> !i.done()).toList();
    for (int from = 0; from < open.size(); from += IDS_PER_CALL) {
      List<DeployedInstance> chunk = open.subList(from, Math.min(open.size(), from + IDS_PER_CALL));
      List<String> ids = chunk.stream().map(DeployedInstance::newInstanceId).toList();
      Map<String, Instance> instances = describeInstances(v.region(), ids);
      Map<String, InstanceStatus> statuses = describeStatuses(v.region(), ids);
      chunk.forEach(
          i -> check(i, instances.get(i.newInstanceId()), statuses.get(i.newInstanceId())));
    }
    if (v.pastDeadline()) {
      v.instances().stream().filter(i -> !i.done()).forEach(DeployedInstance::timedOut);
    }
  }

  /** Records where the route wrote the run's instances.csv; returns the verification. */
  public Verification csvWritten(Verification v, String file) {
    v.instancesCsvWritten(file);
    return v;
  }

  private static void check(DeployedInstance i, Instance instance, InstanceStatus status) {
    if (instance == null) {
      i.waitingFor("DescribeInstances does not know " + i.newInstanceId());
      return;
    }
    i.seen(
        instance.privateIpAddress(),
        instance.subnetId(),
        instance.placement() == null ? null : instance.placement().availabilityZone(),
        instance.imageId());
    String state = instance.state().nameAsString();
    if (!state.equals("running")) {
      if (state.equals("pending")) {
        i.waitingFor("state pending");
      } else {
        i.notVerified("state " + state);
      }
      return;
    }
    String checks = statusChecks(status);
    if (checks.contains("impaired")) {
      i.notVerified(checks);
      return;
    }
    String volumes = missingVolumes(i.source(), instance);
    if (!checks.isEmpty() || !volumes.isEmpty()) {
      i.waitingFor(String.join("; ", nonEmpty(checks, volumes)));
      return;
    }
    i.verified();
  }

  /** Empty when both checks passed; else what they say. */
  private static String statusChecks(InstanceStatus status) {
    if (status == null || status.instanceStatus() == null || status.systemStatus() == null) {
      return "no status checks yet";
    }
    String system = status.systemStatus().statusAsString();
    String instance = status.instanceStatus().statusAsString();
    if ("ok".equals(system) && "ok".equals(instance)) {
      return "";
    }
    return "system status " + system + ", instance status " + instance;
  }

  private static String missingVolumes(InstancePlan source, Instance instance) {
    Map<String, String> attached = new HashMap<>();
    for (InstanceBlockDeviceMapping m : instance.blockDeviceMappings()) {
      attached.put(device(m.deviceName()), m.ebs() == null ? "" : m.ebs().statusAsString());
    }
    List<String> missing = new ArrayList<>();
    for (VolumePlan volume : source.volumes()) {
      String device = volume.device().value();
      String state = attached.get(device(device));
      if (!"attached".equals(state)) {
        missing.add(
            "volume "
                + volume.sourceVolumeId().value()
                + (state == null ? " not at " + device : " " + state + " at " + device));
      }
    }
    return String.join(", ", missing);
  }

  /** xvdf and /dev/xvdf name the same device. */
  private static String device(String name) {
    return name == null ? "" : name.startsWith("/dev/") ? name.substring(5) : name;
  }

  private static List<String> nonEmpty(String... parts) {
    return java.util.Arrays.stream(parts).filter(p -> !p.isEmpty()).toList();
  }

  private List<Output> outputs(StackDeployment stack) {
    try {
      return cloudFormation
          .forRegion(stack.region())
          .describeStacks(r -> r.stackName(stack.stackName()))
          .stacks()
          .stream()
          .flatMap(s -> s.outputs().stream())
          .toList();
    } catch (AwsServiceException e) {
      throw new AwsCallException(stack.stackName(), "DescribeStacks", e);
    }
  }

  private Map<String, Instance> describeInstances(String region, List<String> ids) {
    acquire(region);
    try {
      Map<String, Instance> byId = new HashMap<>();
      ec2.forRegion(region)
          .describeInstancesPaginator(r -> r.instanceIds(ids))
          .reservations()
          .forEach(res -> res.instances().forEach(i -> byId.put(i.instanceId(), i)));
      return byId;
    } catch (AwsServiceException e) {
      // a new instance may not be visible to every API host yet (eventual consistency)
      if (e.awsErrorDetails() != null
          && "InvalidInstanceID.NotFound".equals(e.awsErrorDetails().errorCode())) {
        return Map.of();
      }
      throw new AwsCallException(String.join(",", ids), "DescribeInstances", e);
    }
  }

  private Map<String, InstanceStatus> describeStatuses(String region, List<String> ids) {
    acquire(region);
    try {
      Map<String, InstanceStatus> byId = new HashMap<>();
      ec2.forRegion(region)
          .describeInstanceStatusPaginator(r -> r.instanceIds(ids).includeAllInstances(true))
          .instanceStatuses()
          .forEach(s -> byId.put(s.instanceId(), s));
      return byId;
    } catch (AwsServiceException e) {
      if (e.awsErrorDetails() != null
          && "InvalidInstanceID.NotFound".equals(e.awsErrorDetails().errorCode())) {
        return Map.of();
      }
      throw new AwsCallException(String.join(",", ids), "DescribeInstanceStatus", e);
    }
  }

  private void acquire(String region) {
    try {
      limiter.acquire(region, ApiAction.DESCRIBE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the describe rate limit", e);
    }
  }
}
