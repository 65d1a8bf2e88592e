package dev.ec2migrator.image;

import dev.ec2migrator.model.SourceImageFacts;
import dev.ec2migrator.model.SourceInstance;
import java.util.ArrayList;
import java.util.List;

/**
 * Which sources RegisterImage cannot reproduce. An image registered from snapshots has no platform,
 * billing product or product code of its own: a Windows image made so does not launch as Windows,
 * licensed Linux (RHEL, SLES, SQL Server...) would run without its license, and Marketplace codes
 * are lost. Such instances are refused before anything is spent on them, each with what to do.
 */
public final class ImageSourceRules {
  /** The billing code of plain Linux/UNIX: nothing to carry over. */
  static final String PLAIN_USAGE_OPERATION = "RunInstances";

  private ImageSourceRules() {}

  /** Why RegisterImage cannot make this source's image; empty when it can. */
  public static List<String> refusals(SourceInstance source) {
    SourceImageFacts facts = source.imageFacts();
    List<String> reasons = new ArrayList<>();
    if ("windows".equalsIgnoreCase(facts.platform())) {
      reasons.add(
          "Windows ("
              + describe(facts)
              + "): an image registered from snapshots does not boot as Windows; copy it with"
              + " CreateImage and CopyImage (they keep the platform and its license)");
    } else if (facts.usageOperation() != null
        && !PLAIN_USAGE_OPERATION.equals(facts.usageOperation())) {
      reasons.add(
          "billing product "
              + describe(facts)
              + ": an image registered from snapshots loses it and would run unlicensed; copy"
              + " it with CreateImage and CopyImage (they keep the billing code)");
    }
    for (SourceImageFacts.ProductCode code : facts.productCodes()) {
      reasons.add(
          code.type()
              + " product code "
              + code.id()
              + ": RegisterImage drops it and CopyImage refuses paid Marketplace images;"
              + " launch the product in the target region and move the data volumes instead");
    }
    return reasons;
  }

  private static String describe(SourceImageFacts facts) {
    String details = facts.platformDetails() == null ? "?" : facts.platformDetails();
    return facts.usageOperation() == null
        ? details
        : details + ", usage operation " + facts.usageOperation();
  }
}
