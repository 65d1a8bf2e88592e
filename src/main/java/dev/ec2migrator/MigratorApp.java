package dev.ec2migrator;

/** Entry point; the commands are wired as the pipeline lands. */
public final class MigratorApp {
  private MigratorApp() {}

  public static void main(String[] args) throws Exception {
    System.out.println("ec2-region-migrator: under construction");
  }
}
