package dev.ec2migrator.demo.cfn;

import dev.ec2migrator.demo.ec2.Ec2Provisioner;
import dev.ec2migrator.demo.ec2.QueryRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The parameter values a CreateStack or UpdateStack call gives a template, checked. */
final class StackParameters {
  private static final Set<String> ID_TYPES =
      Set.of(
          "AWS::EC2::Subnet::Id",
          "AWS::EC2::SecurityGroup::Id",
          "AWS::EC2::VPC::Id",
          "AWS::EC2::Image::Id",
          "AWS::EC2::Instance::Id",
          "AWS::EC2::Volume::Id");

  private final Ec2Provisioner ec2;

  StackParameters(Ec2Provisioner ec2) {
    this.ec2 = ec2;
  }

  /**
   * The stack's parameter values: given, previous (UsePreviousValue) or default; checked against
   * the template, its AllowedValues, and for AWS-specific types against what exists.
   */
  Map<String, String> values(
      String region, Template template, QueryRequest req, Map<String, String> previous) {
    Map<String, String> given = new LinkedHashMap<>();
    for (QueryRequest p : req.members("Parameters.member")) {
      String key = p.get("ParameterKey");
      if (key == null) {
        throw CfnException.validation("ParameterKey is required");
      }
      if (p.flag("UsePreviousValue")) {
        if (!previous.containsKey(key)) {
          throw CfnException.validation(
              "Invalid input for parameter key "
                  + key
                  + ". Cannot specify usePreviousValue as true for a parameter key not in the previous template");
        }
        given.put(key, previous.get(key));
      } else {
        given.put(key, p.get("ParameterValue") == null ? "" : p.get("ParameterValue"));
      }
    }
    List<String> unknown =
        given.keySet().stream().filter(k -> !template.parameters().containsKey(k)).toList();
    if (!unknown.isEmpty()) {
      throw CfnException.validation("Parameters: " + unknown + " do not exist in the template");
    }
    Map<String, String> values = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (Template.Parameter p : template.parameters().values()) {
      String v = given.containsKey(p.name()) ? given.get(p.name()) : p.defaultValue();
      if (v == null) {
        missing.add(p.name());
        continue;
      }
      if (!p.allowedValues().isEmpty() && !p.allowedValues().contains(v)) {
        throw CfnException.validation("Parameter '" + p.name() + "' must be one of AllowedValues");
      }
      String element =
          p.type().startsWith("List<") ? p.type().substring(5, p.type().length() - 1) : p.type();
      if (ID_TYPES.contains(element)) {
        for (String id : p.isList() ? List.of(v.split(",", -1)) : List.of(v)) {
          if (!id.isEmpty() && !ec2.exists(region, id.strip())) {
            throw CfnException.validation(
                "Parameter validation failed: parameter value "
                    + id
                    + " for parameter name "
                    + p.name()
                    + " does not exist. Rollback requested by user.");
          }
        }
      }
      values.put(p.name(), v);
    }
    if (!missing.isEmpty()) {
      throw CfnException.validation("Parameters: " + missing + " must have values");
    }
    return values;
  }
}
