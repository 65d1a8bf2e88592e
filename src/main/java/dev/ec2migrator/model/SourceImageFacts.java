package dev.ec2migrator.model;

import java.util.List;

/**
 * What DescribeInstances says of a source instance that its image must carry, or that decides
 * whether RegisterImage can reproduce it at all.
 *
 * @param platform "windows" for Windows, else null
 * @param platformDetails the billing product, e.g. "Linux/UNIX", "Red Hat Enterprise Linux",
 *     "Windows with SQL Server Standard"
 * @param usageOperation the billing code, "RunInstances" for plain Linux/UNIX
 * @param productCodes the instance's product codes (devpay or marketplace)
 * @param tpmSupport "v2.0" for NitroTPM, else null
 * @param imdsSupport "v2.0" when the instance requires IMDSv2 (HttpTokens required), else null
 * @param sriovNetSupport "simple" for Intel 82599 VF networking, else null
 */
public record SourceImageFacts(
    String platform,
    String platformDetails,
    String usageOperation,
    List<ProductCode> productCodes,
    String tpmSupport,
    String imdsSupport,
    String sriovNetSupport) {

  /** A product code as DescribeInstances reports it: its id and type (devpay, marketplace). */
  public record ProductCode(String id, String type) {}

  /** Plain Linux/UNIX with nothing more: what a test's hand-made instance needs. */
  public static final SourceImageFacts LINUX =
      new SourceImageFacts(null, "Linux/UNIX", "RunInstances", List.of(), null, null, null);

  public SourceImageFacts {
    productCodes = List.copyOf(productCodes);
  }
}
