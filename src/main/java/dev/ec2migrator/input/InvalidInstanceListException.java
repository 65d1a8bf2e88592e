package dev.ec2migrator.input;

import java.util.List;

/** The instance list was rejected before anything touched AWS; each problem names its line. */
public class InvalidInstanceListException extends RuntimeException {
  private final List<String> problems;

  public InvalidInstanceListException(String sourceName, List<String> problems) {
    super(sourceName + ": " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
