package dev.ec2migrator.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The parameters a rendered template declares, read from its YAML. */
final class TemplateParameters {
  record Declared(String name, boolean hasDefault, String description) {}

  private TemplateParameters() {}

  static List<Declared> of(Path file, String body) {
    Object parsed;
    try {
      parsed = new Load(LoadSettings.builder().build()).loadFromString(body);
    } catch (RuntimeException e) {
      throw new InvalidDeployInputException(file + " is not YAML: " + e.getMessage());
    }
    List<Declared> declared = new ArrayList<>();
    if (parsed instanceof Map<?, ?> template
        && template.get("Parameters") instanceof Map<?, ?> parameters) {
      parameters.forEach(
          (name, spec) -> {
            Map<?, ?> fields = spec instanceof Map<?, ?> m ? m : Map.of();
            declared.add(
                new Declared(
                    String.valueOf(name),
                    fields.containsKey("Default"),
                    String.valueOf(fields.get("Description"))));
          });
    }
    return declared;
  }
}
