package dev.ec2migrator.aws;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts every HTTP attempt the SDK sends (retries included, camel-aws2-ec2's calls included) per
 * region and action, and the answers that were throttling (HTTP 503, EC2's RequestLimitExceeded) or
 * other errors.
 */
public class ApiCallCounter implements ExecutionInterceptor {
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attrs) {
    add(key(attrs, "calls"));
  }

  @Override
  public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attrs) {
    int status = context.httpResponse().statusCode();
    if (status == 503) {
      add(key(attrs, "throttled"));
    } else if (status >= 400) {
      add(key(attrs, "errors"));
    }
  }

  private static String key(ExecutionAttributes attrs, String kind) {
    var region = attrs.getAttribute(AwsExecutionAttribute.AWS_REGION);
    return (region == null ? "?" : region.id())
        + "/"
        + attrs.getAttribute(SdkExecutionAttribute.OPERATION_NAME)
        + "/"
        + kind;
  }

  private void add(String key) {
    counts.computeIfAbsent(key, k -> new LongAdder()).increment();
  }

  /** "region/action/kind" to count, sorted. */
  public Map<String, Long> snapshot() {
    Map<String, Long> copy = new TreeMap<>();
    counts.forEach((k, v) -> copy.put(k, v.sum()));
    return copy;
  }

  /** Sum over regions and actions of one kind: calls, throttled or errors. */
  public long total(String kind) {
    return counts.entrySet().stream()
        .filter(e -> e.getKey().endsWith("/" + kind))
        .mapToLong(e -> e.getValue().sum())
        .sum();
  }
}
