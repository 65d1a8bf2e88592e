package dev.ec2migrator.cutover;

import dev.ec2migrator.PipelineTestSupport;
import dev.ec2migrator.input.InstanceList;
import dev.ec2migrator.input.InstanceListParser;
import dev.ec2migrator.run.MigrationRun;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The application with the demo world, and the sync and cutover requests as the commands send them.
 */
abstract class TwoPhaseTestSupport extends PipelineTestSupport {
  static final String SOURCE = "us-east-1";
  static final String TARGET = "ap-southeast-2";

  /** One sync pass of a list, as {@code sync <file>}: the list validated, then sent. */
  MigrationRun sync(String name, String content) {
    InstanceList list =
        context
            .getRegistry()
            .lookupByNameAndType("instanceListParser", InstanceListParser.class)
            .parse(content.getBytes(StandardCharsets.UTF_8), name);
    return template.requestBody("direct:sync-run", list, MigrationRun.class);
  }

  /** As {@code cutover <run> [--wave W]}, or with a sub-list as {@code --list}. */
  MigrationRun cutover(String syncRun, String wave, String subList) {
    return cutover(syncRun, wave, subList, false);
  }

  /** With {@code deploy}: as {@code cutover <run> --deploy}. */
  MigrationRun cutover(String syncRun, String wave, String subList, boolean deploy) {
    Map<String, Object> headers = new HashMap<>();
    headers.put("migratorSyncRun", syncRun);
    headers.put("migratorWave", wave);
    headers.put("migratorSource", "wave-list.csv");
    headers.put("migratorDeploy", deploy);
    return template.requestBodyAndHeaders(
        "direct:cutover-list",
        subList == null ? null : subList.getBytes(StandardCharsets.UTF_8),
        headers,
        MigrationRun.class);
  }

  /** The sync run of one of its passes. */
  static String syncRunOf(MigrationRun pass) {
    return pass.runId().substring(0, pass.runId().lastIndexOf("-p"));
  }
}
