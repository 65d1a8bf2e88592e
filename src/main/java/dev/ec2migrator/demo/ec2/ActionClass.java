package dev.ec2migrator.demo.ec2;

/** EC2's throttling classes with their token bucket sizes and refill rates (per real second). */
public enum ActionClass {
  DESCRIBE(50, 10),
  MUTATING(50, 5),
  SNAPSHOT(100, 5),
  TAGS(100, 10);

  final int burst;
  final double refillPerSecond;

  ActionClass(int burst, double refillPerSecond) {
    this.burst = burst;
    this.refillPerSecond = refillPerSecond;
  }

  public int burst() {
    return burst;
  }

  public double refillPerSecond() {
    return refillPerSecond;
  }

  static boolean isDescribe(String action) {
    return action.startsWith("Describe");
  }

  public static ActionClass of(String action) {
    if (isDescribe(action)) {
      return DESCRIBE;
    }
    return switch (action) {
      case "CreateSnapshot", "CreateSnapshots", "DeleteSnapshot" -> SNAPSHOT;
      case "CreateTags" -> TAGS;
      default -> MUTATING;
    };
  }
}
