package dev.ec2migrator.cleanup;

import dev.ec2migrator.aws.ApiAction;
import dev.ec2migrator.aws.ApiRateLimiter;
import dev.ec2migrator.aws.AwsCallException;
import dev.ec2migrator.aws.Ec2Clients;
import dev.ec2migrator.deploy.CloudFormationClients;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

/**
 * Deletes what a {@link CleanupPlan} lists: the stacks first (instance stacks, then the network
 * stack whose exports they import), then images, then snapshots (an image holds its snapshots).
 * Something already gone counts as done, so a repeated cleanup is harmless.
 */
public class Cleaner {
  private final Ec2Clients ec2;
  private final ApiRateLimiter limiter;
  private final CloudFormationClients cloudFormation;
  private final Map<CleanupPlan, List<CleanupItem>> deleting =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<CleanupPlan, List<List<CleanupItem>>> waves =
      new java.util.concurrent.ConcurrentHashMap<>();

  public Cleaner(Ec2Clients ec2, ApiRateLimiter limiter, CloudFormationClients cloudFormation) {
    this.ec2 = ec2;
    this.limiter = limiter;
    this.cloudFormation = cloudFormation;
  }

  /**
   * One step of the stack deletions: looks at the stacks being deleted and, when none is left,
   * starts the next wave. True while any stack is still being deleted.
   */
  public boolean stacksInProgress(CleanupPlan plan) {
    List<List<CleanupItem>> remaining =
        waves.computeIfAbsent(plan, p -> new ArrayList<>(stackWaves(p)));
    List<CleanupItem> current = deleting.getOrDefault(plan, List.of());
    List<CleanupItem> still = new ArrayList<>();
    for (CleanupItem stack : current) {
      String status = status(stack);
      if (status == null || status.equals(StackStatus.DELETE_COMPLETE.toString())) {
        plan.deleted(stack);
      } else if (status.equals(StackStatus.DELETE_FAILED.toString())) {
        plan.failed(stack.id() + ": DeleteStack ended DELETE_FAILED (see its stack events)");
      } else {
        still.add(stack);
      }
    }
    if (still.isEmpty() && !remaining.isEmpty()) {
      for (CleanupItem stack : remaining.remove(0)) {
        if (deleteStack(plan, stack)) {
          still.add(stack);
        }
      }
    }
    deleting.put(plan, still);
    if (still.isEmpty()) {
      deleting.remove(plan);
      waves.remove(plan);
      return false;
    }
    return true;
  }

  /** Images, then snapshots; a failure is recorded with the resource and AWS's code. */
  public CleanupPlan deleteImagesAndSnapshots(CleanupPlan plan) {
    for (CleanupItem image : plan.toDelete("image")) {
      delete(
          plan,
          image,
          "DeregisterImage",
          () -> ec2.forRegion(image.region()).deregisterImage(r -> r.imageId(image.id())));
    }
    for (CleanupItem snapshot : plan.toDelete("snapshot")) {
      delete(
          plan,
          snapshot,
          "DeleteSnapshot",
          () -> ec2.forRegion(snapshot.region()).deleteSnapshot(r -> r.snapshotId(snapshot.id())));
    }
    return plan;
  }

  private void delete(CleanupPlan plan, CleanupItem item, String action, Runnable call) {
    try {
      limiter.acquire(item.region(), ApiAction.DELETE);
      call.run();
      plan.deleted(item);
    } catch (AwsServiceException e) {
      String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
      // gone already (an earlier cleanup, or by hand): nothing to do
      if (!code.endsWith(".NotFound") && !code.endsWith(".Unavailable")) {
        plan.failed(new AwsCallException(item.id(), action, e).getMessage());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      plan.failed(item.id() + ": " + action + " interrupted");
    }
  }

  /** Instance stacks first, then the network stacks whose exports they import. */
  private static List<List<CleanupItem>> stackWaves(CleanupPlan plan) {
    Map<Boolean, List<CleanupItem>> byNetwork = new LinkedHashMap<>();
    for (CleanupItem stack : plan.toDelete("stack")) {
      byNetwork.computeIfAbsent(stack.id().endsWith("-network"), k -> new ArrayList<>()).add(stack);
    }
    List<List<CleanupItem>> waves = new ArrayList<>();
    if (byNetwork.containsKey(false)) {
      waves.add(byNetwork.get(false));
    }
    if (byNetwork.containsKey(true)) {
      waves.add(byNetwork.get(true));
    }
    return waves;
  }

  /** True when CloudFormation took the request; a refusal is recorded with its code. */
  private boolean deleteStack(CleanupPlan plan, CleanupItem stack) {
    try {
      cloudFormation.forRegion(stack.region()).deleteStack(r -> r.stackName(stack.id()));
      return true;
    } catch (AwsServiceException e) {
      plan.failed(new AwsCallException(stack.id(), "DeleteStack", e).getMessage());
      return false;
    }
  }

  /** The stack's status, or null when CloudFormation no longer knows it. */
  private String status(CleanupItem stack) {
    try {
      List<Stack> found =
          cloudFormation
              .forRegion(stack.region())
              .describeStacks(r -> r.stackName(stack.id()))
              .stacks();
      return found.isEmpty() ? null : found.get(0).stackStatusAsString();
    } catch (AwsServiceException e) {
      if (e.awsErrorDetails() != null
          && String.valueOf(e.awsErrorDetails().errorMessage()).contains("does not exist")) {
        return null;
      }
      throw new AwsCallException(stack.id(), "DescribeStacks", e);
    }
  }
}
