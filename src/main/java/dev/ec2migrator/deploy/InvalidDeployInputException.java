package dev.ec2migrator.deploy;

/** The run or the parameters file cannot be deployed as given (exit 2, nothing was created). */
public class InvalidDeployInputException extends IllegalArgumentException {

  public InvalidDeployInputException(String message) {
    super(message);
  }
}
