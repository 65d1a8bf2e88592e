package dev.ec2migrator.demo.cfn;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One stack. Its operation runs on an engine thread while describes read it: every access holds the
 * stack's monitor.
 */
final class Stack {
  /** One resource of the stack as DescribeStackResources shows it. */
  static final class Resource {
    final String logicalId;
    final String type;
    String physicalId;
    String status;
    String reason;
    Instant timestamp;
    Map<String, Object> properties = Map.of();
    ResourceTypes.Created created;

    Resource(String logicalId, String type) {
      this.logicalId = logicalId;
      this.type = type;
    }
  }

  record Event(
      String eventId,
      String logicalId,
      String physicalId,
      String resourceType,
      Instant timestamp,
      String status,
      String reason) {}

  /** Held for the whole of one operation, so a delete asked for during a create waits for it. */
  final Object operation = new Object();

  final String stackId;
  final String name;
  final String region;
  final Instant creationTime;
  final Map<String, String> tags;
  final boolean disableRollback;
  final String onFailure;
  Template template;
  String templateBody;

  /** Parameter values as given or defaulted, in template order. */
  Map<String, String> parameters;

  String status;
  String reason;
  Instant lastUpdatedTime;
  Instant deletionTime;

  /** Current resources in creation order. */
  final Map<String, Resource> resources = new LinkedHashMap<>();

  final List<Event> events = new ArrayList<>();
  Map<String, String[]> outputs = Map.of();

  Stack(
      String stackId,
      String name,
      String region,
      Instant creationTime,
      Map<String, String> tags,
      boolean disableRollback,
      String onFailure) {
    this.stackId = stackId;
    this.name = name;
    this.region = region;
    this.creationTime = creationTime;
    this.tags = Map.copyOf(tags);
    this.disableRollback = disableRollback;
    this.onFailure = onFailure;
  }

  boolean inProgress() {
    return status.endsWith("_IN_PROGRESS");
  }

  boolean deleted() {
    return status.equals("DELETE_COMPLETE");
  }
}
