package dev.ec2migrator.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One stack of a run on its way to CREATE_COMPLETE or UPDATE_COMPLETE, polled by the route. */
public class StackDeployment {
  enum Phase {
    NOT_STARTED,
    // an earlier attempt left the stack in ROLLBACK_COMPLETE, which can only be deleted
    REMOVING_FAILED_ATTEMPT,
    IN_PROGRESS,
    DONE
  }

  private final String runId;
  private final String region;
  private final String stackName;
  private final Path templateFile;
  private final String templateBody;
  private final Map<String, String> parameters;
  private final Set<String> seenEvents = new HashSet<>();
  // events of earlier deploys of this stack: their failures are not this deploy's
  private final Set<String> earlierEvents = new HashSet<>();
  private List<String> newEvents = List.of();
  private Phase phase = Phase.NOT_STARTED;
  private String status = "";
  private long startedAtNanos;

  public StackDeployment(
      String runId,
      String region,
      String stackName,
      Path templateFile,
      String templateBody,
      Map<String, String> parameters) {
    this.runId = runId;
    this.region = region;
    this.stackName = stackName;
    this.templateFile = templateFile;
    this.templateBody = templateBody;
    this.parameters = Map.copyOf(parameters);
  }

  public String runId() {
    return runId;
  }

  public String region() {
    return region;
  }

  public String stackName() {
    return stackName;
  }

  public Path templateFile() {
    return templateFile;
  }

  String templateBody() {
    return templateBody;
  }

  Map<String, String> parameters() {
    return parameters;
  }

  /** True until the stack reached a complete state (a failed one throws instead). */
  public boolean inProgress() {
    return phase != Phase.DONE;
  }

  public String status() {
    return status;
  }

  /** The stack events the last poll saw for the first time, oldest first, one line each. */
  public List<String> newEvents() {
    return newEvents;
  }

  Phase phase() {
    return phase;
  }

  void phase(Phase phase) {
    this.phase = phase;
  }

  void status(String status) {
    this.status = status;
  }

  void started(long nanos) {
    this.startedAtNanos = nanos;
  }

  long startedAtNanos() {
    return startedAtNanos;
  }

  void earlier(String eventId) {
    earlierEvents.add(eventId);
    seenEvents.add(eventId);
  }

  boolean isEarlier(String eventId) {
    return earlierEvents.contains(eventId);
  }

  /** Remembers an event; true the first time it is seen. */
  boolean firstSight(String eventId) {
    return seenEvents.add(eventId);
  }

  void newEvents(List<String> lines) {
    this.newEvents = new ArrayList<>(lines);
  }

  @Override
  public String toString() {
    return stackName + " (" + templateFile.getFileName() + ")";
  }
}
