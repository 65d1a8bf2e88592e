package dev.ec2migrator.demo.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** DescribeSnapshots over 3000 snapshots with MaxResults 1000, NextToken and a tag filter. */
class SnapshotPaginationTest {
  private static final String REGION = "eu-west-1";

  @Test
  void pagesThroughThreeThousandSnapshots() throws Exception {
    try (Ec2Simulator sim =
            Ec2Simulator.start(
                Ec2SimulatorSettings.defaults()
                    .withLimitsEnabled(false)
                    .withDefaultLatency(Duration.ZERO));
        Ec2Client ec2 = SimClients.client(sim, REGION)) {
      List<SimVolume> volumes =
          sim.addFleet(REGION, new FleetSpec(99, 100)).stream()
              .flatMap(i -> i.volumes().stream())
              .toList();
      TagSpecification runTag =
          TagSpecification.builder()
              .resourceType(ResourceType.SNAPSHOT)
              .tags(Tag.builder().key("migrator:run").value("big-run").build())
              .build();
      Set<String> tagged = ConcurrentHashMap.newKeySet();
      // the SDK client is thread-safe; a few threads keep the test short
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<?>> created = new ArrayList<>();
        for (int n = 0; n < 3000; n++) {
          int i = n;
          created.add(
              pool.submit(
                  () -> {
                    String volumeId = volumes.get(i % volumes.size()).volumeId();
                    boolean tag = i % 3 != 0;
                    String id =
                        ec2.createSnapshot(
                                r -> {
                                  r.volumeId(volumeId);
                                  if (tag) {
                                    r.tagSpecifications(runTag);
                                  }
                                })
                            .snapshotId();
                    if (tag) {
                      tagged.add(id);
                    }
                  }));
        }
        for (Future<?> f : created) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
      List<String> all = sim.snapshots(REGION).stream().map(SimSnapshot::snapshotId).toList();
      assertThat(all).hasSize(3000).doesNotHaveDuplicates();

      List<String> seen = new ArrayList<>();
      String token = null;
      int pages = 0;
      do {
        String next = token;
        DescribeSnapshotsResponse page =
            ec2.describeSnapshots(r -> r.ownerIds("self").maxResults(1000).nextToken(next));
        assertThat(page.snapshots()).hasSizeLessThanOrEqualTo(1000);
        page.snapshots().forEach(s -> seen.add(s.snapshotId()));
        token = page.nextToken();
        pages++;
      } while (token != null);
      assertThat(pages).isEqualTo(3);
      assertThat(seen).containsExactlyElementsOf(all);

      List<String> byTag =
          ec2
              .describeSnapshotsPaginator(
                  r ->
                      r.maxResults(1000)
                          .filters(
                              Filter.builder().name("tag:migrator:run").values("big-run").build()))
              .snapshots()
              .stream()
              .map(Snapshot::snapshotId)
              .toList();
      assertThat(byTag).hasSize(2000).doesNotHaveDuplicates();
      assertThat(new HashSet<>(byTag)).isEqualTo(tagged);

      AwsServiceException tooMany =
          catchThrowableOfType(
              AwsServiceException.class, () -> ec2.describeSnapshots(r -> r.maxResults(1001)));
      assertThat(tooMany.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
      AwsServiceException badToken =
          catchThrowableOfType(
              AwsServiceException.class,
              () -> ec2.describeSnapshots(r -> r.maxResults(5).nextToken("garbage!")));
      assertThat(badToken.awsErrorDetails().errorCode()).isEqualTo("InvalidPaginationToken");
    }
  }
}
