package dev.ec2migrator.demo.ec2;

import java.util.List;

/** The fixed region list DescribeRegions shows. Nothing ever dials these endpoints. */
final class KnownRegions {
  static final List<String> NAMES =
      List.of(
          "ap-northeast-1",
          "ap-northeast-2",
          "ap-northeast-3",
          "ap-south-1",
          "ap-southeast-1",
          "ap-southeast-2",
          "ca-central-1",
          "eu-central-1",
          "eu-north-1",
          "eu-west-1",
          "eu-west-2",
          "eu-west-3",
          "sa-east-1",
          "us-east-1",
          "us-east-2",
          "us-west-1",
          "us-west-2");

  private KnownRegions() {}

  static String endpoint(String region) {
    return "ec2." + region + ".amazonaws.com";
  }
}
