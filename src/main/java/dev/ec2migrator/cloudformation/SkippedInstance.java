package dev.ec2migrator.cloudformation;

/** An instance the template leaves out, with the reason the operator reads in its Metadata. */
public record SkippedInstance(String sourceInstanceId, YamlString sourceId, YamlString reason) {}
