package dev.ec2migrator.deploy;

import dev.ec2migrator.cloudformation.InstancePlan;

/** One source instance and what its stack made of it, as verification finds it. */
final class DeployedInstance {
  private final InstancePlan source;
  private final String newInstanceId;
  private String newPrivateIp = "";
  private String subnetId = "";
  private String availabilityZone = "";
  private String imageId = "";
  private String waitingFor = "a first look";
  private String result;

  DeployedInstance(InstancePlan source, String newInstanceId) {
    this.source = source;
    this.newInstanceId = newInstanceId;
  }

  InstancePlan source() {
    return source;
  }

  String newInstanceId() {
    return newInstanceId;
  }

  void seen(String privateIp, String subnet, String az, String image) {
    this.newPrivateIp = privateIp == null ? "" : privateIp;
    this.subnetId = subnet == null ? "" : subnet;
    this.availabilityZone = az == null ? "" : az;
    this.imageId = image == null ? "" : image;
  }

  /** Not there yet (it may still get there): what is missing. */
  void waitingFor(String what) {
    this.waitingFor = what;
  }

  void verified() {
    this.result = "verified";
  }

  void notVerified(String reason) {
    this.result = "not verified: " + reason;
  }

  /** At the deadline: what it was still waiting for is why it is not verified. */
  void timedOut() {
    notVerified(waitingFor);
  }

  boolean done() {
    return result != null;
  }

  boolean isVerified() {
    return "verified".equals(result);
  }

  String newPrivateIp() {
    return newPrivateIp;
  }

  String subnetId() {
    return subnetId;
  }

  String availabilityZone() {
    return availabilityZone;
  }

  String imageId() {
    return imageId;
  }

  String result() {
    return result;
  }
}
