package dev.ec2migrator.iam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.PipelineTestSupport;
import dev.ec2migrator.aws.MigrationTags;
import dev.ec2migrator.cleanup.CleanupItem;
import dev.ec2migrator.cleanup.CleanupPlan;
import dev.ec2migrator.demo.ec2.SimInstance;
import dev.ec2migrator.demo.ec2.SimSnapshot;
import dev.ec2migrator.demo.kms.DemoKeys;
import dev.ec2migrator.deploy.CloudFormationClients;
import dev.ec2migrator.deploy.Verification;
import dev.ec2migrator.run.MigrationRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.Test;

/**
 * Every action the migrator makes AWS perform is in the policy {@code iam-policy} prints, and
 * nothing else is. The whole application runs against the demo world over every path: the sample
 * fleet (a paravirtual host, a uefi+TPM host, encrypted volumes, sources refused in preflight) with
 * quiesce modes auto, stop, none and remount, the copies encrypted with a per-region KMS key; the
 * preflight's DryRun calls; deploy (network recreated) twice, the second an UpdateStack; cleanup of
 * everything. What was called is what the simulators counted:
 *
 * <ul>
 *   <li>EC2 calls and DryRun calls (Ec2Counters);
 *   <li>CloudFormation calls, and the permissions AWS's resource schemas list for the handlers the
 *       stacks ran: CloudFormation uses the caller's credentials for them (CloudFormationCounters);
 *   <li>KMS calls (the kms-key preflight check's DescribeKey);
 *   <li>tagging a stack on create (cloudformation:TagResource), read from the run's stacks' tags;
 *   <li>what EBS does with KMS keys on the caller's behalf, read from the simulator's snapshots: a
 *       copy with a KMS key needs that key's EBS permissions, a copy of a snapshot encrypted with a
 *       customer key needs the source key's.
 * </ul>
 *
 * <p>Size: one end-to-end scenario and the mapping from each simulator's counters to IAM actions,
 * kept beside it so the reader sees what is counted as what.
 */
class IamPolicyCoverageTest extends PipelineTestSupport {
  private static final String SOURCE = "us-east-1";
  private static final String TARGET = "ap-southeast-2";
  private static final String COPY_KEY = "alias/migration";

  /** Tagging on create needs ec2:CreateTags with ec2:CreateAction naming the creating call. */
  private static final Set<String> TAGGED_ON_CREATE =
      Set.of("CreateSnapshots", "CopySnapshot", "RegisterImage");

  @Override
  protected Map<String, String> overrides() {
    return Map.of(
        "migrator.network.mode",
        "recreate",
        "migrator.deploy.poll-interval",
        "50",
        "migrator.copy.kms-key-id." + TARGET,
        COPY_KEY);
  }

  @Test
  void thePolicyGrantsExactlyWhatTheRunCalls() throws Exception {
    MigrationRun run = migrate("iam-coverage.csv", sampleWithQuiesceModes());
    assertThat(run.migrations()).anyMatch(m -> !m.isFailed());
    Verification first = deploy(run.runId());
    assertThat(first.allVerified()).as(first.problems().toString()).isTrue();
    deploy(run.runId()); // the stacks exist: UpdateStack ("No updates are to be performed")
    Set<String> kmsViaEbs = kmsOnTheCallersBehalf();
    long describeStacksByTheRun =
        world().cloudFormation().counters().snapshot().entrySet().stream()
            .filter(e -> e.getKey().endsWith("/DescribeStacks/calls"))
            .mapToLong(Map.Entry::getValue)
            .sum();
    assertThat(describeStacksByTheRun).isPositive();
    boolean stacksTaggedOnCreate = stacksCarryTheRunTag(run.runId());
    assertThat(cleanup(run.runId(), false).failures()).isEmpty();

    Set<String> called = new TreeSet<>(kmsViaEbs);
    called.addAll(counted(world().ec2().counters().snapshot(), "ec2:", Set.of("calls", "dryrun")));
    called.addAll(
        counted(
            world().cloudFormation().counters().snapshot(), "cloudformation:", Set.of("calls")));
    called.addAll(world().cloudFormation().counters().handlerPermissions().keySet());
    world().kms().calls().keySet().forEach(k -> called.add("kms:" + k.split("/")[1]));
    // CloudFormation authorizes the Tags of CreateStack/UpdateStack as cloudformation:TagResource
    if (stacksTaggedOnCreate) {
      called.add("cloudformation:TagResource");
    }

    List<JsonObject> statements = statements(policy());
    Set<String> granted = new TreeSet<>();
    statements.forEach(s -> granted.addAll(actions(s)));

    Set<String> notGranted = new TreeSet<>(called);
    notGranted.removeAll(granted);
    Set<String> neverCalled = new TreeSet<>(granted);
    neverCalled.removeAll(called);
    assertThat(
            Map.of("called but not granted", notGranted, "granted but never called", neverCalled))
        .as("the policy against what the run called")
        .allSatisfy((what, actions) -> assertThat(actions).as(what).isEmpty());

    // the conditional grants hold only for what the run does under their condition
    Set<String> createActions = new TreeSet<>();
    for (JsonObject s : statements) {
      Object condition = s.get("Condition");
      String text = condition == null ? "" : Jsoner.serialize(condition);
      if (text.contains("ec2:CreateAction")) {
        Object values =
            ((JsonObject) ((JsonObject) condition).get("StringEquals")).get("ec2:CreateAction");
        if (values instanceof List<?> list) {
          list.forEach(v -> createActions.add(v.toString()));
        } else {
          createActions.add(values.toString());
        }
      }
    }
    Set<String> taggedCalls = new TreeSet<>();
    for (String action : TAGGED_ON_CREATE) {
      if (called.contains("ec2:" + action)) {
        taggedCalls.add(action);
      }
    }
    assertThat(createActions)
        .as("ec2:CreateAction grants name exactly the calls that tag what they create")
        .isEqualTo(taggedCalls)
        .hasSize(TAGGED_ON_CREATE.size());
    assertThat(
            world().ec2().counters().calls(SOURCE, "CreateTags")
                + world().ec2().counters().calls(SOURCE, "DeleteTags"))
        .as("the stopped-by tag of quiesce mode stop: CreateTags/DeleteTags on instances")
        .isPositive();
  }

  /**
   * KMS that EBS uses with the caller's permissions: the copy key's for every copy made with it,
   * the source key's for every copy of a snapshot encrypted with a customer key (AWS managed keys
   * need no IAM grant: their key policy lets the account use them through EC2).
   */
  private Set<String> kmsOnTheCallersBehalf() {
    Set<String> out = new TreeSet<>();
    List<SimSnapshot> copies = world().ec2().snapshots(TARGET);
    if (copies.stream().anyMatch(c -> c.kmsKeyId() != null)) {
      out.addAll(IamPolicy.EBS_KEY_ACTIONS);
    }
    String account = world().kms().keys().accountId();
    String awsManaged = DemoKeys.arn(account, SOURCE, "alias/aws/ebs");
    Set<String> copied = new TreeSet<>();
    copies.forEach(c -> copied.add(c.sourceSnapshotId()));
    boolean customerSourceKey =
        world().ec2().snapshots(SOURCE).stream()
            .filter(s -> copied.contains(s.snapshotId()))
            .anyMatch(s -> s.encrypted() && !awsManaged.equals(s.kmsKeyId()));
    assertThat(customerSourceKey).as("an encrypted source with a customer key was copied").isTrue();
    out.addAll(IamPolicy.SOURCE_KEY_ACTIONS);
    return out;
  }

  /** The sample list with a quiesce_mode column: stop, none and remount for three of its hosts. */
  private String sampleWithQuiesceModes() throws Exception {
    List<String> out = new ArrayList<>();
    List<String> modes = new ArrayList<>(List.of("stop", "none", "remount"));
    String busy = context.resolvePropertyPlaceholders("{{migrator.demo.busy-hosts}}");
    for (String line : Files.readAllLines(Path.of("config/sample-instances.csv"))) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      if (line.startsWith("instance_id")) {
        out.add(line + ",quiesce_mode");
        continue;
      }
      String id = line.substring(0, line.indexOf(','));
      // the fleet's instances (the sample's refused sources are not among them)
      SimInstance instance =
          world().fleet().stream().filter(i -> i.instanceId().equals(id)).findFirst().orElse(null);
      boolean plain =
          instance != null
              && instance.running()
              && "hvm".equals(instance.virtualizationType())
              && !busy.contains(id)
              && !instance.tags().containsKey("migrator:quiesce-mode");
      out.add(line + "," + (plain && !modes.isEmpty() ? modes.remove(0) : ""));
    }
    assertThat(modes).as("a host for each quiesce mode").isEmpty();
    return String.join("\n", out) + "\n";
  }

  /**
   * Whether the run's stacks (as cleanup lists them, before deleting anything) carry the run tag
   * the deploy sent with CreateStack. These DescribeStacks calls are the test's own: the run made
   * that call itself (checked above), so they add nothing to what was called.
   */
  private boolean stacksCarryTheRunTag(String runId) {
    List<CleanupItem> stacks =
        cleanup(runId, true).items().stream().filter(i -> i.kind().equals("stack")).toList();
    assertThat(stacks).isNotEmpty();
    CloudFormationClients clients =
        context
            .getRegistry()
            .lookupByNameAndType("cloudFormationClients", CloudFormationClients.class);
    for (CleanupItem stack : stacks) {
      var tags =
          clients
              .forRegion(stack.region())
              .describeStacks(r -> r.stackName(stack.id()))
              .stacks()
              .get(0)
              .tags();
      assertThat(tags)
          .as(stack.id())
          .anyMatch(t -> t.key().equals(MigrationTags.RUN) && t.value().equals(runId));
    }
    return true;
  }

  /** The actions ("region/Action/kind" counters) counted with one of the kinds, with a prefix. */
  private static Set<String> counted(Map<String, Long> counters, String prefix, Set<String> kinds) {
    Set<String> out = new TreeSet<>();
    counters.forEach(
        (key, n) -> {
          String[] k = key.split("/");
          if (n > 0 && kinds.contains(k[2])) {
            out.add(prefix + k[1]);
          }
        });
    return out;
  }

  /** Cleanup of everything the run made (a dry run lists it). */
  private CleanupPlan cleanup(String runId, boolean dryRun) {
    return template.requestBodyAndHeaders(
        "direct:cleanup-run",
        null,
        Map.of("MigratorRunId", runId, "MigratorCleanupScope", "all", "MigratorDryRun", dryRun),
        CleanupPlan.class);
  }

  private Verification deploy(String runId) {
    return template.requestBodyAndHeader(
        "direct:deploy-run", null, "MigratorRunId", runId, Verification.class);
  }

  /** The policy as the iam-policy command prints it for this configuration. */
  private String policy() throws Exception {
    return IamPolicy.render(
        Files.readString(Path.of("config/iam-policy.json")),
        Set.of(context.resolvePropertyPlaceholders("{{migrator.source-region}}")),
        Map.of(TARGET, COPY_KEY));
  }

  private static List<String> actions(JsonObject statement) {
    Object action = statement.get("Action");
    if (action instanceof List<?> list) {
      return list.stream().map(Object::toString).toList();
    }
    return List.of(action.toString());
  }

  private static List<JsonObject> statements(String policy) {
    JsonObject json = (JsonObject) Jsoner.deserialize(policy, new JsonObject());
    return ((JsonArray) json.get("Statement")).stream().map(JsonObject.class::cast).toList();
  }
}
