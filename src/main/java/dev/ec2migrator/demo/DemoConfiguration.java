package dev.ec2migrator.demo;

import static dev.ec2migrator.wiring.Lifecycle.closeOnStop;

import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The demo world (EC2, CloudFormation and SSH simulators on 127.0.0.1), added only when {@code
 * migrator.demo.enabled}, and before every product configuration class: it points the endpoint, SSH
 * and rate-limit properties at the simulators before any bean reads them, so the same beans and
 * routes run unchanged against it.
 */
public class DemoConfiguration implements CamelConfiguration {

  @BindToRegistry("demoWorld")
  public DemoWorld demoWorld(
      CamelContext context,
      @PropertyInject("migrator.source-region") String sourceRegion,
      @PropertyInject("migrator.demo.seed") String seed,
      @PropertyInject("migrator.demo.instances") String instances,
      @PropertyInject("migrator.demo.volumes-per-instance") String volumesPerInstance,
      @PropertyInject("migrator.demo.volume-size-gib") String volumeSizeGib,
      @PropertyInject("migrator.demo.change-rate-per-hour") String changeRatePerHour,
      @PropertyInject("migrator.demo.busy-hosts") String busyHosts,
      @PropertyInject("migrator.demo.unbootable-pv-hosts") String unbootablePvHosts,
      @PropertyInject("migrator.demo.time-scale") String timeScale,
      @PropertyInject("migrator.demo.throttle-scale") String throttleScale,
      @PropertyInject("migrator.demo.ec2-latency-ms") String ec2LatencyMs,
      @PropertyInject("migrator.demo.sleep-scale") String sleepScale,
      @PropertyInject("migrator.demo.dir") String dir)
      throws Exception {
    Map<String, String> settings = new TreeMap<>();
    settings.put("seed", seed.strip());
    settings.put("instances", instances.strip());
    settings.put("volumes-per-instance", volumesPerInstance.strip());
    settings.put("volume-size-gib", volumeSizeGib.strip());
    settings.put("change-rate-per-hour", changeRatePerHour.strip());
    settings.put("busy-hosts", busyHosts.strip());
    settings.put("unbootable-pv-hosts", unbootablePvHosts.strip());
    settings.put("time-scale", timeScale.strip());
    settings.put("throttle-scale", throttleScale.strip());
    settings.put("ec2-latency-ms", ec2LatencyMs.strip());
    settings.put("sleep-scale", sleepScale.strip());
    settings.put("dir", dir.strip());
    DemoWorld world = closeOnStop(context, DemoWorld.start(settings, sourceRegion.strip()));
    PropertiesComponent properties = context.getPropertiesComponent();
    world.overrides().forEach(properties::addOverrideProperty);
    // the simulated account's rate limits are scaled: the client keeps to the same ones
    properties.addOverrideProperty("migrator.rate-limit.scale", throttleScale.strip());
    return world;
  }
}
