package dev.ec2migrator.aws;

import dev.ec2migrator.model.InstanceMigration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * How the migrator sends one EC2 request: a describe takes a token of its region's describe bucket
 * (every page of a paginated describe its own), a call that makes something goes on the client
 * without SDK retries with only throttling retried here, and a failure becomes a typed exception
 * naming the instance or region and AWS's code ({@link Ec2Calls}).
 */
public class Ec2Requests {
  /** EC2 accepts up to 200 values per filter. */
  public static final int FILTER_VALUES = 200;

  private final Ec2Clients clients;
  private final ApiRateLimiter limiter;
  private final RetryRule retryRule;

  public Ec2Requests(Ec2Clients clients, ApiRateLimiter limiter, RetryRule retryRule) {
    this.clients = clients;
    this.limiter = limiter;
    this.retryRule = retryRule;
  }

  /** A describe on the region's client, after a token of its describe bucket. */
  public <T> T describe(String region, String action, Function<Ec2Client, T> call) {
    return Ec2Calls.describe(limiter, region, action, () -> call.apply(clients.forRegion(region)));
  }

  /**
   * Every item of a paginated describe, each page taking its own token of the describe bucket.
   *
   * @param page the call for one page, given the previous page's NextToken (null first)
   * @param items the items of one page
   */
  public <P, I> List<I> describeAll(
      String region,
      String action,
      BiFunction<Ec2Client, String, P> page,
      Function<P, String> nextToken,
      Function<P, List<I>> items) {
    List<I> all = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      P answer = describe(region, action, c -> page.apply(c, next));
      all.addAll(items.apply(answer));
      token = nextToken.apply(answer);
    } while (token != null);
    return all;
  }

  /** A call for the instance on its region's client (the SDK's standard retry). */
  public <T> T call(
      InstanceMigration m, String region, String action, Function<Ec2Client, T> call) {
    return Ec2Calls.call(m.instanceId(), action, () -> call.apply(clients.forRegion(region)));
  }

  /**
   * A call that makes something, on a client without SDK retries: only throttling (refused before
   * anything was done) is retried here, with exponential backoff and full jitter; any other error
   * goes up, so that the route looks for what may have been made before trying again.
   */
  public <T> T make(
      InstanceMigration m, String region, String action, Function<Ec2Client, T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return Ec2Calls.call(
            m.instanceId(), action, () -> call.apply(clients.forCreatingCalls(region)));
      } catch (Ec2CallException e) {
        if (!retryRule.refusedBeforeEffect(e) || attempt >= clients.maxAttempts()) {
          throw e;
        }
        long ceiling = Math.min(20_000L, 100L << Math.min(attempt, 8));
        try {
          Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling + 1));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** The items in chunks of at most {@code size} (one filter's values each). */
  public static <T> List<List<T>> chunks(List<T> items, int size) {
    List<List<T>> chunks = new ArrayList<>();
    for (int i = 0; i < items.size(); i += size) {
      chunks.add(items.subList(i, Math.min(items.size(), i + size)));
    }
    return chunks;
  }
}
