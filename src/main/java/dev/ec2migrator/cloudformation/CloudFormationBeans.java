package dev.ec2migrator.cloudformation;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Rendering the CloudFormation templates from a results CSV (route render-cloudformation): the CSV
 * reader, the model builder, CloudFormation's per-template quotas and the splitter that keeps every
 * stack within them.
 */
public class CloudFormationBeans implements CamelConfiguration {
  private static final String[] TEMPLATES = {
    "migrator.cloudformation.template", "migrator.cloudformation.network-template"
  };

  @PropertyInject("migrator.home")
  String home;

  @BindToRegistry("cloudFormationResultsCsvReader")
  public ResultsCsvReader resultsCsvReader() {
    return new ResultsCsvReader();
  }

  @BindToRegistry("cloudFormationModelBuilder")
  public TemplateModelBuilder modelBuilder(
      @PropertyInject("migrator.simulated") boolean simulated) {
    return new TemplateModelBuilder(simulated);
  }

  @BindToRegistry("cloudFormationLimits")
  public CloudFormationLimits limits(
      @PropertyInject("migrator.cloudformation.max-resources") int maxResources,
      @PropertyInject("migrator.cloudformation.max-outputs") int maxOutputs,
      @PropertyInject("migrator.cloudformation.max-parameters") int maxParameters,
      @PropertyInject("migrator.cloudformation.max-template-bytes") int maxTemplateBytes) {
    return new CloudFormationLimits(maxResources, maxOutputs, maxParameters, maxTemplateBytes);
  }

  @BindToRegistry("cloudFormationStaleTemplateRemover")
  public StaleTemplateRemover staleTemplateRemover() {
    return new StaleTemplateRemover();
  }

  @BindToRegistry("cloudFormationStackSplitter")
  public StackSplitter stackSplitter(CloudFormationLimits limits) {
    return new StackSplitter(limits);
  }

  /** The template locations, before the routes read them. */
  @Override
  public void configure(CamelContext context) {
    PropertiesComponent pc = context.getPropertiesComponent();
    for (String key : TEMPLATES) {
      pc.resolveProperty(key)
          .map(String::strip)
          .map(this::resolveAgainstHome)
          .ifPresent(location -> pc.addOverrideProperty(key, location));
    }
  }

  /**
   * A relative {@code file:} location means the project folder's file (the jar may run from
   * anywhere); without a project folder, the copy inside the jar.
   */
  private String resolveAgainstHome(String location) {
    String projectFolder = home.strip();
    if (!location.startsWith("file:")
        || Path.of(location.substring(5)).isAbsolute()
        || projectFolder.isEmpty() && Files.exists(Path.of(location.substring(5)))) {
      return location;
    }
    Path file =
        Path.of(projectFolder.isEmpty() ? "." : projectFolder).resolve(location.substring(5));
    return Files.exists(file) ? "file:" + file : "classpath:" + location.substring(5);
  }
}
