package dev.ec2migrator.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stack parameters in the AWS CLI's file format: a JSON array of {"ParameterKey": ...,
 * "ParameterValue": ...} objects (what {@code aws cloudformation create-stack --parameters
 * file://...} reads).
 */
final class ParametersFile {
  /** A parameters file is a few lines; anything larger is not one. */
  private static final long MAX_BYTES = 1_048_576;

  private ParametersFile() {}

  static Map<String, String> read(Path file) {
    JsonNode root;
    try {
      if (!Files.isRegularFile(file)) {
        throw bad(file, "no such file");
      }
      if (Files.size(file) > MAX_BYTES) {
        throw bad(file, "larger than " + MAX_BYTES + " bytes");
      }
      root = new ObjectMapper().readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw bad(
          file,
          "line " + e.getLocation().getLineNr() + ": not JSON (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw bad(file, e.getMessage());
    }
    if (root == null || !root.isArray()) {
      throw bad(file, "expected a JSON array of {\"ParameterKey\", \"ParameterValue\"} objects");
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    for (int i = 0; i < root.size(); i++) {
      JsonNode item = root.get(i);
      JsonNode key = item.get("ParameterKey");
      JsonNode value = item.get("ParameterValue");
      if (!item.isObject()
          || key == null
          || !key.isTextual()
          || value == null
          || !value.isTextual()) {
        throw bad(
            file, "item " + (i + 1) + ": needs a text ParameterKey and a text ParameterValue");
      }
      if (parameters.put(key.asText(), value.asText()) != null) {
        throw bad(file, "item " + (i + 1) + ": parameter " + key.asText() + " is given twice");
      }
    }
    return parameters;
  }

  private static InvalidDeployInputException bad(Path file, String reason) {
    return new InvalidDeployInputException("parameters file " + file + ": " + reason);
  }
}
