package dev.ec2migrator.demo.ec2;

import java.util.Map;

/** AWS's tag limits: 50 tags per resource, keys up to 128 chars, values up to 256, no "aws:". */
final class TagRules {
  static final int MAX_TAGS = 50;

  private TagRules() {}

  static void checkKey(String key) {
    if (key.isEmpty() || key.length() > 128) {
      throw Ec2Exception.invalidParameterValue("Tag key must be 1 to 128 characters long");
    }
    if (key.toLowerCase().startsWith("aws:")) {
      throw Ec2Exception.invalidParameterValue(
          "Tag keys starting with 'aws:' are reserved for internal use");
    }
  }

  static void checkValues(Map<String, String> tags) {
    for (String v : tags.values()) {
      if (v.length() > 256) {
        throw Ec2Exception.invalidParameterValue("Tag value must be at most 256 characters long");
      }
    }
  }

  static void checkCount(int count) {
    if (count > MAX_TAGS) {
      throw new Ec2Exception(
          "TagLimitExceeded", "The maximum number of Tags for a resource has been reached.");
    }
  }
}
