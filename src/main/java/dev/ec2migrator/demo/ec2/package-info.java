/**
 * An EC2 simulator for tests, the demo and the benchmark: an EC2 Query API server on 127.0.0.1 that
 * the real AWS SDK (or {@code aws --endpoint-url}) talks to through an endpoint override.
 *
 * <pre>{@code
 * try (Ec2Simulator sim = Ec2Simulator.start(Ec2SimulatorSettings.defaults())) {
 *   List<SimInstance> fleet = sim.addFleet("us-east-1", new FleetSpec(42, 100));
 *   Ec2Client ec2 = Ec2Client.builder().endpointOverride(sim.endpoint())
 *       .region(Region.US_EAST_1).credentialsProvider(dummyCredentials).build();
 *   ...
 * }
 * }</pre>
 *
 * <p>The region of each call is taken from its SigV4 credential scope, so one server is every
 * region. Signatures are not verified. CopySnapshot must be sent to the destination region's client
 * with {@code sourceRegion} and {@code destinationRegion} set.
 */
package dev.ec2migrator.demo.ec2;
