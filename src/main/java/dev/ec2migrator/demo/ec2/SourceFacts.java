package dev.ec2migrator.demo.ec2;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What DescribeInstances tells of a simulated instance's platform and image: billing product,
 * product codes (id to type), architecture, boot mode, NitroTPM, IMDS, SR-IOV and the UEFI variable
 * store GetInstanceUefiData answers with.
 *
 * @param bootMode the mode the instance boots in (BootMode and CurrentInstanceBootMode), or null
 *     for paravirtual
 * @param httpTokens "required" (IMDSv2 only) or "optional"
 */
public record SourceFacts(
    String platform,
    String platformDetails,
    String usageOperation,
    Map<String, String> productCodes,
    String architecture,
    String bootMode,
    String tpmSupport,
    String httpTokens,
    String sriovNetSupport,
    String uefiData) {

  public SourceFacts {
    productCodes = Collections.unmodifiableMap(new LinkedHashMap<>(productCodes));
  }

  /** Plain Linux/UNIX on x86_64, as the generated fleet runs. */
  static SourceFacts linux(String virtualizationType) {
    return new SourceFacts(
        null,
        "Linux/UNIX",
        "RunInstances",
        Map.of(),
        "x86_64",
        "hvm".equals(virtualizationType) ? "legacy-bios" : null,
        null,
        "optional",
        null,
        null);
  }

  static SourceFacts windows() {
    return billed("windows", "Windows", "RunInstances:0002");
  }

  /** Licensed Linux: a billing product such as RHEL (RunInstances:0010) or SLES (:000g). */
  static SourceFacts licensed(String platformDetails, String usageOperation) {
    return billed(null, platformDetails, usageOperation);
  }

  /** A billed product on an x86_64 hvm instance booting legacy BIOS. */
  private static SourceFacts billed(
      String platform, String platformDetails, String usageOperation) {
    return new SourceFacts(
        platform,
        platformDetails,
        usageOperation,
        Map.of(),
        "x86_64",
        "legacy-bios",
        null,
        "optional",
        null,
        null);
  }

  SourceFacts withProductCode(String code, String type) {
    Map<String, String> codes = new LinkedHashMap<>(productCodes);
    codes.put(code, type);
    return new SourceFacts(
        platform,
        platformDetails,
        usageOperation,
        codes,
        architecture,
        bootMode,
        tpmSupport,
        httpTokens,
        sriovNetSupport,
        uefiData);
  }

  /** UEFI with NitroTPM 2.0 and a variable store, IMDSv2 required: a hardened Linux. */
  SourceFacts withUefiTpm(String variableStore) {
    return new SourceFacts(
        platform,
        platformDetails,
        usageOperation,
        productCodes,
        architecture,
        "uefi",
        "v2.0",
        "required",
        sriovNetSupport,
        variableStore);
  }
}
