package dev.ec2migrator.cloudformation;

import dev.ec2migrator.output.SpreadsheetSafe;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Builds results CSVs the way the pipeline writes them (RFC 4180, spreadsheet guard). */
public final class ResultsCsvFixture {
  public static final String RUN_ID = "fleet-a1b2c3";
  public static final String TARGET_REGION = "ap-southeast-2";

  private final List<Map<ResultColumn, String>> rows = new ArrayList<>();

  public static String instanceId(int n) {
    return String.format("i-%017x", n);
  }

  public static String subnetId(int n) {
    return String.format("subnet-%08x", n);
  }

  public static String volumeId(int instance, int volume) {
    return String.format("vol-%08x%09x", instance, volume);
  }

  public static String targetSnapshotId(int instance, int volume) {
    return String.format("snap-%08x%09x", instance, 0x100 + volume);
  }

  public static String imageId(int instance) {
    return String.format("ami-%017x", instance);
  }

  /**
   * A migrated instance: a root volume (device /dev/xvda) plus data volumes /dev/sdf, /dev/sdg...
   */
  public ResultsCsvFixture migrated(int instance, int subnet, int dataVolumes) {
    for (int v = 0; v <= dataVolumes; v++) {
      Map<ResultColumn, String> row = new EnumMap<>(ResultColumn.class);
      row.put(ResultColumn.RUN_ID, RUN_ID);
      row.put(ResultColumn.SOURCE_REGION, "us-east-1");
      row.put(ResultColumn.SOURCE_INSTANCE_ID, instanceId(instance));
      row.put(ResultColumn.INSTANCE_NAME, "web-" + instance);
      row.put(ResultColumn.INSTANCE_TYPE, "m5.large");
      row.put(ResultColumn.SOURCE_SUBNET_ID, subnetId(subnet));
      row.put(ResultColumn.SOURCE_AZ, "us-east-1" + (char) ('a' + subnet % 6));
      row.put(ResultColumn.PRIVATE_IP, "10.0." + subnet + "." + (instance % 250 + 4));
      row.put(ResultColumn.DEVICE, v == 0 ? "/dev/xvda" : "/dev/sd" + (char) ('e' + v));
      row.put(ResultColumn.IS_ROOT, Boolean.toString(v == 0));
      row.put(ResultColumn.SOURCE_VOLUME_ID, volumeId(instance, v));
      row.put(ResultColumn.VOLUME_SIZE_GIB, Integer.toString(8 + 10 * v));
      row.put(ResultColumn.VOLUME_TYPE, "gp3");
      row.put(ResultColumn.IOPS, "3000");
      row.put(ResultColumn.THROUGHPUT, "125");
      row.put(ResultColumn.SOURCE_SNAPSHOT_ID, String.format("snap-%08x%09x", instance, v));
      row.put(ResultColumn.TARGET_REGION, TARGET_REGION);
      row.put(ResultColumn.TARGET_SNAPSHOT_ID, targetSnapshotId(instance, v));
      row.put(ResultColumn.TARGET_IMAGE_ID, imageId(instance));
      row.put(ResultColumn.STATUS, "MIGRATED");
      row.put(ResultColumn.ERROR, "");
      row.put(ResultColumn.FROZEN_MS, "1200");
      row.put(ResultColumn.STARTED_AT, "2026-11-25T04:00:00Z");
      row.put(ResultColumn.FINISHED_AT, "2026-11-25T04:20:00Z");
      rows.add(row);
    }
    return this;
  }

  /** An instance whose data volume copy failed: no target ids, FAILED with the error. */
  public ResultsCsvFixture failed(int instance, int subnet, String error) {
    migrated(instance, subnet, 1);
    for (Map<ResultColumn, String> row : rowsOf(instance)) {
      row.put(ResultColumn.TARGET_IMAGE_ID, "");
      row.put(ResultColumn.TARGET_SNAPSHOT_ID, "");
    }
    lastRow().put(ResultColumn.STATUS, "FAILED");
    lastRow().put(ResultColumn.ERROR, error);
    return this;
  }

  /** Sets a cell on every row of one instance. */
  public ResultsCsvFixture set(int instance, ResultColumn column, String value) {
    rowsOf(instance).forEach(row -> row.put(column, value));
    return this;
  }

  /** Sets a cell on one row (0 = the first row written). */
  public ResultsCsvFixture setOnRow(int index, ResultColumn column, String value) {
    rows.get(index).put(column, value);
    return this;
  }

  public List<Map<ResultColumn, String>> rows() {
    return rows;
  }

  public String csv() {
    return csv(List.of(ResultColumn.values()));
  }

  /** The CSV with only the given columns, e.g. to leave one out. */
  String csv(List<ResultColumn> columns) {
    StringWriter out = new StringWriter();
    String[] header = columns.stream().map(ResultColumn::header).toArray(String[]::new);
    try (CSVPrinter printer =
        new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header).get())) {
      for (Map<ResultColumn, String> row : rows) {
        printer.printRecord(columns.stream().map(c -> SpreadsheetSafe.escape(row.get(c))).toList());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private List<Map<ResultColumn, String>> rowsOf(int instance) {
    return rows.stream()
        .filter(r -> r.get(ResultColumn.SOURCE_INSTANCE_ID).equals(instanceId(instance)))
        .toList();
  }

  private Map<ResultColumn, String> lastRow() {
    return rows.get(rows.size() - 1);
  }
}
