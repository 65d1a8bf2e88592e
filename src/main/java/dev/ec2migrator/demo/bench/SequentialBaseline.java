package dev.ec2migrator.demo.bench;

import dev.ec2migrator.aws.Ec2Clients;
import dev.ec2migrator.demo.ec2.SimInstance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.ssh.SshConstants;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateSnapshotsRequest;
import software.amazon.awssdk.services.ec2.model.InstanceSpecification;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.SnapshotInfo;

/**
 * The procedure the migrator replaces, as an operator's script runs it: one host at a time, remount
 * read-only, CreateSnapshots, remount read-write, poll until the snapshots complete, CopySnapshot
 * each, poll until the copies complete. Same simulator, same SSH hosts, same poll interval.
 */
public final class SequentialBaseline {

  /** What the sample took. */
  public record Timings(List<Double> hostSeconds, List<Long> freezeMs) {
    public double meanSecondsPerHost() {
      return hostSeconds.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }
  }

  private final ProducerTemplate producer;
  private final String sshUri;
  private final Ec2Clients clients;
  private final String sourceRegion;
  private final String targetRegion;
  private final String freezeTemplate;
  private final String thawTemplate;
  private final Duration poll;

  /**
   * @param sshUri the camel-ssh endpoint of the hosts (user name in the header)
   * @param freezeTemplate e.g. {@code sudo -n mount -o remount,ro {mp}}
   */
  public SequentialBaseline(
      ProducerTemplate producer,
      String sshUri,
      Ec2Clients clients,
      String sourceRegion,
      String targetRegion,
      String freezeTemplate,
      String thawTemplate,
      Duration poll) {
    this.producer = producer;
    this.sshUri = sshUri;
    this.clients = clients;
    this.sourceRegion = sourceRegion;
    this.targetRegion = targetRegion;
    this.freezeTemplate = freezeTemplate;
    this.thawTemplate = thawTemplate;
    this.poll = poll;
  }

  public Timings run(List<SimInstance> hosts) throws InterruptedException {
    List<Double> seconds = new ArrayList<>();
    List<Long> freezes = new ArrayList<>();
    for (SimInstance host : hosts) {
      long start = System.nanoTime();
      long frozenAt = 0;
      if (host.running()) {
        ssh(host, commands(freezeTemplate, host.mountPoints()));
        frozenAt = System.nanoTime();
      }
      List<String> snapshots =
          clients
              .forRegion(sourceRegion)
              .createSnapshots(
                  CreateSnapshotsRequest.builder()
                      .instanceSpecification(
                          InstanceSpecification.builder().instanceId(host.instanceId()).build())
                      .build())
              .snapshots()
              .stream()
              .map(SnapshotInfo::snapshotId)
              .toList();
      if (host.running()) {
        List<String> reversed = new ArrayList<>(host.mountPoints());
        Collections.reverse(reversed);
        ssh(host, commands(thawTemplate, reversed));
        freezes.add((System.nanoTime() - frozenAt) / 1_000_000);
      }
      waitCompleted(clients.forRegion(sourceRegion), snapshots);
      Ec2Client target = clients.forRegion(targetRegion);
      List<String> copies = new ArrayList<>();
      for (String snapshot : snapshots) {
        copies.add(
            target
                .copySnapshot(
                    b ->
                        b.sourceRegion(sourceRegion)
                            .sourceSnapshotId(snapshot)
                            .destinationRegion(targetRegion))
                .snapshotId());
      }
      waitCompleted(target, copies);
      seconds.add((System.nanoTime() - start) / 1e9);
    }
    return new Timings(seconds, freezes);
  }

  private void waitCompleted(Ec2Client client, List<String> ids) throws InterruptedException {
    while (true) {
      List<Snapshot> states = client.describeSnapshots(b -> b.snapshotIds(ids)).snapshots();
      if (states.stream().anyMatch(s -> "error".equals(s.stateAsString()))) {
        throw new IllegalStateException("a baseline snapshot ended in error: " + ids);
      }
      if (states.size() == ids.size()
          && states.stream().allMatch(s -> "completed".equals(s.stateAsString()))) {
        return;
      }
      Thread.sleep(poll.toMillis());
    }
  }

  private static String commands(String template, List<String> mountPoints) {
    return mountPoints.stream()
        .map(mp -> template.replace("{mp}", mp))
        .collect(Collectors.joining(" && "));
  }

  private void ssh(SimInstance host, String command) {
    var reply =
        producer.request(
            sshUri,
            e -> {
              e.getMessage().setHeader(SshConstants.USERNAME_HEADER, host.instanceId());
              e.getMessage().setBody(command);
            });
    Integer exit = reply.getMessage().getHeader(SshConstants.EXIT_VALUE, Integer.class);
    if (reply.getException() != null || exit == null || exit != 0) {
      throw new IllegalStateException(
          host.instanceId() + ": `" + command + "` failed (exit " + exit + ")",
          reply.getException());
    }
  }
}
