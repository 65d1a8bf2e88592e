package dev.ec2migrator.input;

import java.util.List;

/** A whole validated instance list: nothing in it touches AWS before all of it has passed. */
public record InstanceList(String runId, String sourceName, List<InstanceEntry> entries) {}
