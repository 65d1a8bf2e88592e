package dev.ec2migrator;

import dev.ec2migrator.demo.DemoWorld;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.camel.main.Main;
import org.apache.camel.support.CamelContextHelper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Starts only the demo world and prints how to explore it with the AWS CLI. */
@Command(name = "simulate", description = "Run the EC2 and SSH simulators alone (Ctrl-C stops).")
final class SimulateCommand implements Callable<Integer> {
  @ParentCommand MigratorApp app;

  @Option(names = "--instances", description = "fleet size (default: migrator.demo.instances)")
  Integer instances;

  @Option(names = "--seed", description = "fleet seed (default: migrator.demo.seed)")
  Long seed;

  @Override
  public Integer call() throws Exception {
    Map<String, String> overrides = new java.util.HashMap<>();
    overrides.put("migrator.inbox.enabled", "false");
    overrides.put("migrator.demo.enabled", "true");
    overrides.put("camel.management.enabled", "false"); // the simulators alone: nothing to watch
    if (instances != null) {
      overrides.put("migrator.demo.instances", instances.toString());
    }
    if (seed != null) {
      overrides.put("migrator.demo.seed", seed.toString());
    }
    Main main = Launcher.forProfile("demo").main(overrides);
    main.start();
    DemoWorld world =
        main.getCamelContext().getRegistry().lookupByNameAndType("demoWorld", DemoWorld.class);
    String region =
        CamelContextHelper.parseText(main.getCamelContext(), "{{migrator.source-region}}");
    System.out.println("SIMULATED EC2 and CloudFormation endpoint: " + world.ec2().endpoint());
    System.out.println(
        "SIMULATED SSH hosts:    127.0.0.1:" + world.ssh().port() + " (user = instance id)");
    System.out.println("Explore with the AWS CLI (any dummy credentials):");
    System.out.println(
        "  AWS_ACCESS_KEY_ID=SIMULATED AWS_SECRET_ACCESS_KEY=simulated aws ec2 describe-instances"
            + " --region "
            + region
            + " --endpoint-url "
            + world.ec2().endpoint());
    Path shared =
        SimulatedWorldFile.in(
            Path.of(CamelContextHelper.parseText(main.getCamelContext(), "{{migrator.outbox}}")));
    SimulatedWorldFile.write(shared, world.overrides());
    System.out.println(
        "Other commands use this world with --profile simulated (from this folder), e.g.:");
    System.out.println(
        "  java -jar target/ec2-region-migrator.jar --profile simulated sync <list>");
    System.out.println("  (it reads " + shared + ", deleted when this stops)");
    System.out.println("Ctrl-C stops.");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    java.nio.file.Files.deleteIfExists(shared);
                  } catch (java.io.IOException e) {
                    System.err.println("Could not delete " + shared + ": " + e.getMessage());
                  }
                  main.stop();
                  stopped.countDown();
                }));
    stopped.await();
    return 0;
  }
}
