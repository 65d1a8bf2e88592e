package dev.ec2migrator.quiesce;

/** POSIX single quoting: the only way a value ever enters a remote command line. */
public final class ShellQuote {
  private ShellQuote() {}

  public static String quote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
