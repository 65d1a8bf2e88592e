package dev.ec2migrator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.MigratorApp;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.Volume;

/**
 * {@code migrate --profile aws} against moto, an independent implementation of EC2: instances with
 * data volumes are created in moto's source region with the AWS SDK, migrated (one with quiesce
 * mode none, one with stop), and every row of the results CSV is checked against what moto holds:
 * the source volume belongs to the instance, its snapshot exists in the source region, the copy and
 * the image exist in the target region and the image maps the copy.
 */
class MigrateAgainstMotoTest {
  private static final String SOURCE = "us-east-1";
  private static final String TARGET = "ap-southeast-2";
  private static final List<String> PROPERTIES =
      List.of(
          "migrator.ec2.endpoint",
          "migrator.cloudformation.endpoint",
          "migrator.inbox",
          "migrator.outbox",
          "migrator.source-region",
          "migrator.target-region",
          "migrator.poll.interval",
          "migrator.copy.slot-wait",
          "migrator.copy.requeue-delay",
          "migrator.quiesce.stop.recheck",
          "migrator.ssh.private-key-file",
          "migrator.ssh.known-hosts-file",
          "aws.accessKeyId",
          "aws.secretAccessKey");

  @TempDir static Path dir;
  private static MotoServer moto;
  private static Ec2Client source;
  private static Ec2Client target;

  @BeforeAll
  static void startMoto() throws Exception {
    moto = MotoServer.start();
    // dummy credentials made up here: moto accepts any, and nothing may fall back to real ones
    String accessKey = "AKIA" + HexFormat.of().withUpperCase().formatHex(random(8));
    String secretKey = HexFormat.of().formatHex(random(20));
    source = client(SOURCE, accessKey, secretKey);
    target = client(TARGET, accessKey, secretKey);
    Map<String, String> p = new LinkedHashMap<>();
    p.put("migrator.ec2.endpoint", moto.endpoint());
    p.put("migrator.cloudformation.endpoint", moto.endpoint());
    p.put("migrator.inbox", dir.resolve("inbox").toString());
    p.put("migrator.outbox", dir.resolve("outbox").toString());
    p.put("migrator.source-region", SOURCE);
    p.put("migrator.target-region", TARGET);
    // the aws profile waits as long as AWS takes; moto answers at once
    p.put("migrator.poll.interval", "200");
    p.put("migrator.copy.slot-wait", "500");
    p.put("migrator.copy.requeue-delay", "500");
    p.put("migrator.quiesce.stop.recheck", "1s");
    // no host is logged in to (quiesce none and stop): files of this test, never the user's own
    p.put("migrator.ssh.private-key-file", dir.resolve("no-key").toString());
    p.put("migrator.ssh.known-hosts-file", dir.resolve("no-known-hosts").toString());
    p.put("aws.accessKeyId", accessKey);
    p.put("aws.secretAccessKey", secretKey);
    p.forEach(System::setProperty);
  }

  @AfterAll
  static void stopMoto() throws Exception {
    PROPERTIES.forEach(System::clearProperty);
    if (source != null) {
      source.close();
      target.close();
    }
    if (moto != null) {
      moto.close();
    }
  }

  @Test
  void everySourceVolumeIsCorrelatedWithItsSnapshotCopyAndImageInMoto() throws Exception {
    // moto quirk: its stock AMI list begins with Windows images, and an instance takes its AMI's
    // platform; a Linux one is picked so the run takes the RegisterImage path
    Image image =
        source.describeImages().images().stream()
            .filter(i -> i.platform() == null && i.rootDeviceType() != null)
            .filter(i -> "ebs".equals(i.rootDeviceTypeAsString()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("moto offers no EBS-backed Linux AMI"));
    String subnet = source.describeSubnets().subnets().get(0).subnetId();
    String quiet = runInstance(image, subnet, 1);
    String stopped = runInstance(image, subnet, 2);
    Map<String, List<Volume>> volumesOf = new LinkedHashMap<>();
    for (String id : List.of(quiet, stopped)) {
      volumesOf.put(
          id,
          source
              .describeVolumes(r -> r.filters(f -> f.name("attachment.instance-id").values(id)))
              .volumes());
    }
    assertThat(volumesOf.get(quiet)).as("root and one data volume").hasSize(2);
    assertThat(volumesOf.get(stopped)).as("root and two data volumes").hasSize(3);
    Path list =
        Files.writeString(
            dir.resolve("moto.csv"),
            "instance_id,quiesce_mode\n" + quiet + ",none\n" + stopped + ",stop\n");

    CommandOutput output = new CommandOutput();
    int exit;
    try (output) {
      exit = MigratorApp.execute("migrate", "--profile", "aws", list.toString());
    }

    assertThat(exit).as(output.text()).isZero();
    assertThat(output.text()).contains("2 of 2 instances migrated, 0 failed");
    List<CSVRecord> rows = resultRows();
    for (String id : List.of(quiet, stopped)) {
      List<CSVRecord> own =
          rows.stream().filter(r -> r.get("source_instance_id").equals(id)).toList();
      assertThat(own)
          .extracting(r -> r.get("source_volume_id"))
          .as("one row per volume of %s", id)
          .containsExactlyInAnyOrderElementsOf(
              volumesOf.get(id).stream().map(Volume::volumeId).toList());
      String imageId = own.get(0).get("target_image_id");
      // moto quirk: RegisterImage keeps only Name and Description (no block device mappings,
      // root device, architecture or TagSpecifications), so the image is checked by its name
      Image registered = target.describeImages(r -> r.imageIds(imageId)).images().get(0);
      assertThat(registered.name()).isEqualTo("migrator-" + own.get(0).get("run_id") + "-" + id);
      for (CSVRecord row : own) {
        assertThat(row.get("status")).as(row.toString()).isEqualTo("MIGRATED");
        assertThat(row.get("source_region")).isEqualTo(SOURCE);
        assertThat(row.get("target_region")).isEqualTo(TARGET);
        assertThat(row.get("target_image_id")).as("one image per instance").isEqualTo(imageId);
        Volume volume =
            volumesOf.get(id).stream()
                .filter(v -> v.volumeId().equals(row.get("source_volume_id")))
                .findFirst()
                .orElseThrow();
        assertThat(row.get("device")).isEqualTo(volume.attachments().get(0).device());
        assertThat(row.get("volume_size_gib")).isEqualTo(String.valueOf(volume.size()));
        Snapshot snapshot = snapshot(source, row.get("source_snapshot_id"));
        assertThat(snapshot.volumeId()).as(row.toString()).isEqualTo(volume.volumeId());
        // moto quirk: a copy keeps its source snapshot's VolumeId (AWS shows vol-ffffffff), which
        // ties each copy to its volume by moto's own record
        Snapshot copy = snapshot(target, row.get("target_snapshot_id"));
        assertThat(copy.volumeId()).as(row.toString()).isEqualTo(volume.volumeId());
        assertThat(copy.volumeSize()).isEqualTo(volume.size());
        assertThat(copy.state().toString()).isEqualTo("completed");
      }
    }
    Instance afterStop =
        source
            .describeInstances(r -> r.instanceIds(stopped))
            .reservations()
            .get(0)
            .instances()
            .get(0);
    assertThat(afterStop.state().nameAsString())
        .as("started again after the snapshot")
        .isEqualTo("running");
  }

  /**
   * moto quirk: RunInstances with BlockDeviceMappings creates exactly the listed volumes, without
   * the image's root volume (AWS adds it), so the root device is listed here too.
   */
  private static String runInstance(Image image, String subnet, int dataVolumes) {
    List<BlockDeviceMapping> data = new ArrayList<>();
    data.add(
        BlockDeviceMapping.builder()
            .deviceName(image.rootDeviceName())
            .ebs(e -> e.volumeSize(8).deleteOnTermination(true))
            .build());
    for (int n = 0; n < dataVolumes; n++) {
      String device = "/dev/sd" + (char) ('f' + n);
      int size = 10 + n;
      data.add(
          BlockDeviceMapping.builder().deviceName(device).ebs(e -> e.volumeSize(size)).build());
    }
    return source
        .runInstances(
            r ->
                r.imageId(image.imageId())
                    .instanceType("t3.micro")
                    .minCount(1)
                    .maxCount(1)
                    .subnetId(subnet)
                    .blockDeviceMappings(data))
        .instances()
        .get(0)
        .instanceId();
  }

  private static Snapshot snapshot(Ec2Client client, String id) {
    return client.describeSnapshots(r -> r.snapshotIds(id)).snapshots().get(0);
  }

  private static List<CSVRecord> resultRows() throws Exception {
    Path csv;
    try (Stream<Path> files = Files.list(dir.resolve("outbox"))) {
      csv =
          files
              .filter(f -> f.getFileName().toString().matches("moto-.*\\.csv"))
              .findFirst()
              .orElseThrow();
    }
    try (Reader reader = Files.newBufferedReader(csv)) {
      return CSVFormat.DEFAULT
          .builder()
          .setHeader()
          .setSkipHeaderRecord(true)
          .get()
          .parse(reader)
          .getRecords();
    }
  }

  private static Ec2Client client(String region, String accessKey, String secretKey) {
    return Ec2Client.builder()
        .region(Region.of(region))
        .endpointOverride(URI.create(moto.endpoint()))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .build();
  }

  private static byte[] random(int bytes) {
    byte[] b = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(b);
    return b;
  }

  /** What the command prints, captured while it runs. */
  private static final class CommandOutput implements AutoCloseable {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;

    CommandOutput() {
      PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
      System.setOut(capture);
      System.setErr(capture);
    }

    String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
      System.setOut(out);
      System.setErr(err);
    }
  }
}
