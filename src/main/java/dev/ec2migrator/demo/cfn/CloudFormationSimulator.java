package dev.ec2migrator.demo.cfn;

import dev.ec2migrator.demo.ec2.Ec2Simulator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A CloudFormation Query API (2010-05-15) on the EC2 simulator's endpoint: requests signed for
 * "cloudformation" come here, and stacks create their resources in that EC2 simulator.
 */
public final class CloudFormationSimulator implements AutoCloseable {
  private final CloudFormationCounters counters = new CloudFormationCounters();
  private final ExecutorService executor;

  private CloudFormationSimulator(Ec2Simulator ec2) {
    AtomicInteger n = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "cfn-sim-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    StackEngine engine = new StackEngine(ec2.provisioner(), executor, new Exports(), counters);
    CloudFormationApi api = new CloudFormationApi(ec2.provisioner(), engine);
    ec2.addService("cloudformation", new CloudFormationHttpHandler(api, counters));
  }

  /** Serves CloudFormation on {@code ec2}'s endpoint from now on. */
  public static CloudFormationSimulator attach(Ec2Simulator ec2) {
    return new CloudFormationSimulator(ec2);
  }

  public CloudFormationCounters counters() {
    return counters;
  }

  /** Stops stack operations still running (they end where they are). */
  @Override
  public void close() {
    executor.shutdownNow();
  }
}
