package dev.ec2migrator.demo.cfn;

import dev.ec2migrator.demo.ec2.Ec2Provisioner;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a stack's template and resource handlers see of it: the resolver of references (parameters,
 * pseudo parameters, Fn::GetAtt, Fn::ImportValue) and the {@link ResourceTypes.Provision} a handler
 * provisions through, paced on the simulated clock.
 */
final class StackBindings {
  /** How long CloudFormation waits for a resource to stabilize (simulated). */
  private static final double STABILIZE_SECONDS = 3600;

  private final Ec2Provisioner ec2;
  private final Exports exports;
  private final CloudFormationCounters counters;

  StackBindings(Ec2Provisioner ec2, Exports exports, CloudFormationCounters counters) {
    this.ec2 = ec2;
    this.exports = exports;
    this.counters = counters;
  }

  /** Resolves the template's references for {@code s}: parameters, pseudo parameters, resources. */
  Resolver resolver(
      Stack s,
      Template template,
      Map<String, String> parameters,
      Map<String, Stack.Resource> current) {
    Map<String, Object> values = new LinkedHashMap<>();
    parameters.forEach(
        (k, v) -> {
          Template.Parameter p = template.parameters().get(k);
          values.put(
              k,
              p != null && p.isList() ? (v.isEmpty() ? List.of() : List.of(v.split(",", -1))) : v);
        });
    Map<String, String> pseudo = new LinkedHashMap<>();
    pseudo.put("AWS::Region", s.region);
    pseudo.put("AWS::StackName", s.name);
    pseudo.put("AWS::StackId", s.stackId);
    pseudo.put("AWS::AccountId", ec2.ownerId());
    pseudo.put("AWS::Partition", "aws");
    pseudo.put("AWS::URLSuffix", "amazonaws.com");
    return new Resolver(
        template,
        values,
        pseudo,
        s.region,
        new Resolver.Resources() {
          @Override
          public String physicalId(String logicalId) {
            return created(logicalId).physicalId();
          }

          @Override
          public String attribute(String logicalId, String attribute) {
            ResourceTypes.Created c = created(logicalId);
            String v = c.attributes().get(attribute);
            if (v == null) {
              v = ec2.attributes(s.region, c.physicalId()).get(attribute);
            }
            if (v == null) {
              throw CfnException.templateFormat(
                  "Template error: resource "
                      + logicalId
                      + " does not support attribute type "
                      + attribute
                      + " in Fn::GetAtt");
            }
            return v;
          }

          @Override
          public String importValue(String name) {
            return exports.importValue(s.region, name, s.name);
          }

          private ResourceTypes.Created created(String logicalId) {
            Stack.Resource r;
            synchronized (s) {
              r = current.get(logicalId);
            }
            if (r == null || r.created == null) {
              throw CfnException.validation(
                  "Resource " + logicalId + " is not available (its Condition is false)");
            }
            return r.created;
          }
        });
  }

  /** What the handler of resource {@code logicalId} may do and know. */
  ResourceTypes.Provision provision(Stack s, String logicalId) {
    return new ResourceTypes.Provision() {
      @Override
      public String region() {
        return s.region;
      }

      @Override
      public Ec2Provisioner ec2() {
        return ec2;
      }

      @Override
      public CloudFormationCounters counters() {
        return counters;
      }

      @Override
      public Map<String, String> tags(Props props) {
        Map<String, String> tags = new LinkedHashMap<>(s.tags);
        tags.putAll(props.tags());
        tags.put("aws:cloudformation:stack-name", s.name);
        tags.put("aws:cloudformation:stack-id", s.stackId);
        tags.put("aws:cloudformation:logical-id", logicalId);
        return tags;
      }

      @Override
      public String generatedName() {
        String suffix =
            UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        return s.name + "-" + logicalId + "-" + suffix;
      }

      @Override
      public void waitReady(String id) {
        long deadline = System.nanoTime() + real(STABILIZE_SECONDS).toNanos();
        while (!ec2.ready(s.region, id)) {
          if (System.nanoTime() > deadline) {
            throw new Props.Failure("Resource " + id + " did not stabilize");
          }
          sleep(Duration.ofMillis(Math.max(1, real(1).toMillis())));
        }
      }
    };
  }

  private Duration real(double simulatedSeconds) {
    return Duration.ofNanos((long) (simulatedSeconds / ec2.timeScale() * 1_000_000_000L));
  }

  /** Sleeps the real time of {@code simulatedSeconds}. */
  void pace(double simulatedSeconds) {
    sleep(real(simulatedSeconds));
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Props.Failure("CloudFormation simulator shutting down");
    }
  }
}
