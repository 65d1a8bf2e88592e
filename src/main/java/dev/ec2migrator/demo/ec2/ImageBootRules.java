package dev.ec2migrator.demo.ec2;

/** What RegisterImage refuses in the boot attributes and a mapping's performance settings. */
final class ImageBootRules {
  private ImageBootRules() {}

  /** NitroTPM and a UEFI variable store need a UEFI image; IMDS and TPM have one version each. */
  static void check(QueryRequest req, String bootMode, String virtualization) {
    String tpm = req.get("TpmSupport");
    String uefiData = req.get("UefiData");
    String imds = req.get("ImdsSupport");
    if (tpm != null && !"v2.0".equals(tpm)) {
      throw Ec2Exception.invalidParameterValue(
          "Value (" + tpm + ") for parameter TpmSupport is invalid.");
    }
    if (imds != null && !"v2.0".equals(imds)) {
      throw Ec2Exception.invalidParameterValue(
          "Value (" + imds + ") for parameter ImdsSupport is invalid.");
    }
    boolean uefi = "uefi".equals(bootMode) || "uefi-preferred".equals(bootMode);
    if ((tpm != null || uefiData != null) && !uefi) {
      throw new Ec2Exception(
          "InvalidParameterCombination",
          "TpmSupport and UefiData require the uefi or uefi-preferred boot mode.");
    }
    if (uefi && !"hvm".equals(virtualization)) {
      throw new Ec2Exception(
          "InvalidParameterCombination", "The uefi boot mode requires hvm virtualization.");
    }
    if (req.get("EnaSupport") != null
        && !"hvm".equals(virtualization)
        && Boolean.TRUE.equals(req.optionalFlag("EnaSupport"))) {
      throw new Ec2Exception(
          "InvalidParameterCombination", "ENA support requires hvm virtualization.");
    }
  }

  /**
   * io1/io2 need their Iops; only io1, io2 and gp3 take Iops and only gp3 takes Throughput, with
   * AWS's bounds (gp3 3,000-80,000 Iops and 125-2,000 MiB/s, io1 100-64,000, io2 100-256,000).
   */
  static void checkPerformance(String device, String type, Integer iops, Integer throughput) {
    boolean provisioned = type.equals("io1") || type.equals("io2");
    if (provisioned && iops == null) {
      throw new Ec2Exception(
          "InvalidParameterCombination",
          "The parameter iops must be specified for " + type + " volumes (" + device + ").");
    }
    if (iops != null && !provisioned && !type.equals("gp3")) {
      throw new Ec2Exception(
          "InvalidParameterCombination",
          "The parameter iops is not supported for " + type + " volumes (" + device + ").");
    }
    if (throughput != null && !type.equals("gp3")) {
      throw new Ec2Exception(
          "InvalidParameterCombination",
          "The parameter throughput is not supported for " + type + " volumes (" + device + ").");
    }
    int maxIops =
        switch (type) {
          case "io1" -> 64_000;
          case "io2" -> 256_000;
          default -> 80_000;
        };
    int minIops = type.equals("gp3") ? 3000 : 100;
    if (iops != null && (iops < minIops || iops > maxIops)) {
      throw Ec2Exception.invalidParameterValue(
          "Iops " + iops + " is out of range for " + type + " (" + minIops + "-" + maxIops + ").");
    }
    if (throughput != null && (throughput < 125 || throughput > 2000)) {
      throw Ec2Exception.invalidParameterValue(
          "Throughput " + throughput + " is out of range for gp3 (125-2000).");
    }
  }
}
