package dev.ec2migrator.quiesce;

import java.util.ArrayList;
import java.util.List;

/**
 * Operator commands run on the host in the quiesce session, before the quiesce ({@code pre}) or
 * after the release ({@code post}), each as {@code sh -c} with its output on stderr and killed when
 * it runs past the timeout. They come from configuration only, never from list values or tags.
 */
public record Hooks(List<String> commands, long timeoutSeconds) {
  /** Exit status of a quiesce refused because a pre-hook failed (nothing was quiesced). */
  public static final int PRE_HOOK_FAILED = 5;

  public static final String POST_HOOK_FAILED = "quiesce: post-hook failed";

  public static final Hooks NONE = new Hooks(List.of(), 1);

  public Hooks {
    commands = List.copyOf(commands);
    if (timeoutSeconds < 1) {
      throw new IllegalArgumentException("a hook timeout must be at least 1 s");
    }
  }

  /** The script lines that run these hooks in the {@code pre} or {@code post} phase. */
  List<String> lines(String phase) {
    List<String> lines = new ArrayList<>();
    for (String command : commands) {
      lines.add("hook " + ShellQuote.quote(command) + " " + timeoutSeconds + "; hrc=$?");
      lines.add("if [ $hrc != 0 ]; then");
      if (phase.equals("pre")) {
        lines.add("echo \"quiesce: pre-hook failed (exit $hrc), nothing quiesced\" >&2");
        lines.add("exit " + PRE_HOOK_FAILED);
      } else {
        lines.add("echo \"" + POST_HOOK_FAILED + " (exit $hrc)\" >&2");
      }
      lines.add("fi");
    }
    return lines;
  }

  /** The shell function {@code hook <command> <timeout>} the lines above call. */
  static List<String> function() {
    return List.of(
        "hook() {",
        "sh -c \"$1\" </dev/null >&2 &",
        "hp=$!",
        "( sleep $2; kill $hp ) </dev/null >/dev/null 2>&1 &",
        "ht=$!",
        "wait $hp",
        "hrc=$?",
        "kill $ht 2>/dev/null",
        "return $hrc",
        "}");
  }
}
