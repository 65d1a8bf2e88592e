package dev.ec2migrator.demo.ec2;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EC2 Query API (2016-11-15) server on 127.0.0.1 for the real AWS SDK through an endpoint
 * override. One server is every region: the region is read from each request's SigV4 scope.
 */
public final class Ec2Simulator implements AutoCloseable {
  private static final Pattern SERVICE_SCOPE =
      Pattern.compile("Credential=[^/,\\s]+/\\d{8}/[a-z0-9-]+/([a-z0-9-]+)/aws4_request");
  private final Ec2World world;
  private final Ec2Counters counters;
  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Map<String, HttpHandler> otherServices = new ConcurrentHashMap<>();

  private Ec2Simulator(Ec2SimulatorSettings settings) throws IOException {
    // without TCP_NODELAY, small responses wait ~40 ms on delayed ACKs (read once per JVM)
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    this.world = new Ec2World(settings);
    this.counters = world.counters;
    InetSocketAddress address =
        new InetSocketAddress(InetAddress.getByName("127.0.0.1"), settings.port());
    this.server = HttpServer.create(address, 128);
    AtomicInteger threadNumber = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            settings.threads(),
            r -> {
              Thread t = new Thread(r, "ec2-sim-" + threadNumber.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    Ec2HttpHandler ec2 = new Ec2HttpHandler(world, counters);
    server.createContext(
        "/", exchange -> otherServices.getOrDefault(serviceOf(exchange), ec2).handle(exchange));
    server.setExecutor(executor);
  }

  /** Binds 127.0.0.1 on {@code settings.port()} (0 = any free port) and starts serving. */
  public static Ec2Simulator start(Ec2SimulatorSettings settings) {
    try {
      Ec2Simulator sim = new Ec2Simulator(settings);
      sim.server.start();
      return sim;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the EC2 simulator", e);
    }
  }

  /** The service a request was signed for (its SigV4 credential scope), or null. */
  private static String serviceOf(HttpExchange exchange) {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    Matcher m = auth == null ? null : SERVICE_SCOPE.matcher(auth);
    return m != null && m.find() ? m.group(1) : "ec2";
  }

  /**
   * Serves another AWS service on this endpoint: requests signed for {@code service} (the SigV4
   * credential scope, e.g. "cloudformation") go to {@code handler}, so one URL is the whole demo
   * AWS.
   */
  public void addService(String service, HttpHandler handler) {
    otherServices.put(service, handler);
  }

  /** {@code http://127.0.0.1:<port>}, for endpointOverride and {@code aws --endpoint-url}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /**
   * Slows down (or restores, 1) the simulated clock: a benchmark measures a phase of minutes in a
   * run of hours with the clock slowed, so that its own CPU delays weigh less in simulated time.
   */
  public void clockRate(double rate) {
    world.clockRate(rate);
  }

  /** The simulator's clock (the time scale's pace times {@link #clockRate}). */
  public Instant now() {
    return world.now();
  }

  public Ec2SimulatorSettings settings() {
    return world.settings;
  }

  /**
   * Generates {@code spec.instances()} instances with their volumes into {@code region}.
   *
   * @throws IllegalArgumentException if one of the generated ids is already in the region (same
   *     seed added twice)
   */
  public List<SimInstance> addFleet(String region, FleetSpec spec) {
    FleetGenerator generator = new FleetGenerator(region, spec.seed(), world.settings.ownerId());
    List<SimInstance> fleet = generator.generate(spec);
    Map<String, SourceFacts> facts = new java.util.HashMap<>();
    if (spec.sampleSources()) {
      for (SampleSources.Sample sample : SampleSources.generate(generator, spec.seed(), region)) {
        fleet.add(sample.instance());
        facts.put(sample.instance().instanceId(), sample.facts());
      }
    }
    RegionState state = world.region(region);
    Instant now = world.now();
    synchronized (state) {
      for (SimInstance i : fleet) {
        if (state.instances.containsKey(i.instanceId())) {
          throw new IllegalArgumentException(
              "instance " + i.instanceId() + " already exists in " + region);
        }
      }
      FleetNetwork network = new FleetNetwork(generator, state, spec.seed(), region, now);
      network.install();
      for (SimInstance i : fleet) {
        String imageId = Ids.of("ami", spec.seed(), i.virtualizationType().hashCode());
        String reservationId = Ids.of("r", spec.seed(), i.instanceId().hashCode());
        String vpcId = generator.vpcIdOf(i.subnetId());
        state.instances.put(
            i.instanceId(),
            new InstanceRecord(i, vpcId, imageId, reservationId, now, state.nextSeq()));
        state.launches.put(i.instanceId(), network.launchOf(i, vpcId, world.settings.ownerId()));
        state.putTags(i.instanceId(), i.tags());
        if (facts.containsKey(i.instanceId())) {
          state.sourceFacts.put(i.instanceId(), facts.get(i.instanceId()));
        }
        for (SimVolume v : i.volumes()) {
          boolean root = v.device().equals(i.rootDeviceName());
          state.volumes.put(
              v.volumeId(),
              new VolumeRecord(
                  v, i.instanceId(), i.availabilityZone(), root, now, state.nextSeq()));
          state.putTags(v.volumeId(), v.tags());
        }
      }
    }
    return fleet;
  }

  /** The instances of a region as they are now (tags included). */
  public List<SimInstance> instances(String region) {
    RegionState state = world.region(region);
    synchronized (state) {
      List<SimInstance> views = new ArrayList<>();
      state.instances.values().forEach(r -> views.add(state.instanceView(r)));
      return List.copyOf(views);
    }
  }

  /** What other simulated services do to this EC2 (CloudFormation's resources). */
  /** The name of one of Amazon's kernel images in a region; empty for an unknown id. */
  public String kernelName(String region, String kernelId) {
    return AmazonKernels.byId(region, kernelId).map(AmazonKernels.Kernel::name).orElse("");
  }

  public Ec2Provisioner provisioner() {
    return new Ec2Provisioner(world);
  }

  public Ec2Counters counters() {
    return counters;
  }

  public FaultInjector faults() {
    return world.faults;
  }

  /** The instance types the simulated zones offer (DescribeInstanceTypeOfferings). */
  public InstanceTypeOfferings offerings() {
    return world.offerings;
  }

  /** Snapshots and copies of a region, in creation order, with their state as of now. */
  public List<SimSnapshot> snapshots(String region) {
    RegionState state = world.region(region);
    synchronized (state) {
      return state.snapshotViews(world.now());
    }
  }

  /**
   * Every snapshot and copy the region made, deleted ones included (as they were when deleted, the
   * oldest deleted forgotten past {@code RegionState.DELETED_KEPT}): deleted first, then the live
   * ones as {@link #snapshots} lists them.
   */
  public List<SimSnapshot> snapshotsEverMade(String region) {
    RegionState state = world.region(region);
    synchronized (state) {
      List<SimSnapshot> all = new ArrayList<>(state.deletedViews());
      all.addAll(state.snapshotViews(world.now()));
      return List.copyOf(all);
    }
  }

  /** The tags of a resource (instance, volume, snapshot, image) of a region. */
  public Map<String, String> tags(String region, String resourceId) {
    RegionState state = world.region(region);
    synchronized (state) {
      return Map.copyOf(state.tags(resourceId));
    }
  }

  /** StopInstances and StartInstances of a region in call order. */
  public List<PowerEvent> powerEvents(String region) {
    RegionState state = world.region(region);
    synchronized (state) {
      return List.copyOf(state.powerEvents);
    }
  }

  /** Images of a region in registration order. */
  public List<SimImage> images(String region) {
    RegionState state = world.region(region);
    synchronized (state) {
      return state.images.values().stream().map(ImageRecord::view).toList();
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.stop(0);
    executor.shutdownNow();
  }
}
