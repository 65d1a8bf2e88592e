package dev.ec2migrator.quiesce;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one POSIX {@code sh} script that quiesces a host and holds it quiesced for as long as its SSH
 * session says so. Runs unchanged on dash and on old bash (OEL 5.5): no {@code read -t}, no
 * bashisms.
 *
 * <p>In order: note each mount point's type and options from /proc/mounts (refusing what is not a
 * mount point or cannot be quiesced), arm the dead-man (a background {@code sleep}), quiesce the
 * mounts in the listed order through the configured sudo templates (a mount that is read-only
 * already is left alone), print {@value #FROZEN}, then wait for the FIRST of: a line on stdin (the
 * migrator's thaw), EOF on stdin (the session dropped: migrator killed, network gone), the end of
 * the dead-man's sleep, or HUP/INT/TERM (a hang-up, or systemd-logind ending the session). Then it
 * releases in reverse order, each mount back to its own state, prints {@value #THAWED} and exits.
 *
 * <p>The thaw therefore needs no new login (a new login writes to {@code /}, which may be frozen)
 * and no file the OS may delete (logind's RemoveIPC empties /dev/shm when the last session ends).
 * The dead-man is the script's own child, so one left from an earlier freeze cannot release a later
 * one. SIGPIPE is ignored so that a dropped session cannot kill the release half-way; signals are
 * ignored once the release has begun.
 *
 * <p>Exit status: 0 released; 3 refused before anything was touched (not a mount point, a type that
 * cannot be quiesced); otherwise the status of the freeze that failed (mounts already quiesced are
 * released first), or 4 when a release failed.
 */
public class QuiesceScript {
  public static final String FROZEN = "FROZEN";
  public static final String THAWED = "THAWED";
  public static final String DEAD_MAN_FIRED = "quiesce: released by the dead-man";

  /** Exit status of a host refused before anything was touched. */
  public static final int REFUSED = 3;

  /** Exit status when a release command failed (the others still ran). */
  public static final int RELEASE_FAILED = 4;

  /** File system types that have nothing to quiesce or cannot be remounted read-only safely. */
  static final String NOT_QUIESCABLE_TYPES =
      "tmpfs|devtmpfs|ramfs|proc|sysfs|devpts|cgroup|cgroup2|securityfs|debugfs|tracefs|"
          + "configfs|fusectl|mqueue|hugetlbfs|pstore|bpf|autofs|binfmt_misc|efivarfs|nfs|nfs4|"
          + "cifs|smb3|fuse|fuse.*|overlay|squashfs|iso9660";

  private final Map<QuiesceMode, Templates> templates;
  private final long deadManSeconds;

  /** The freeze and thaw sudo command of one mode, each for one mount point {@code {mp}}. */
  public record Templates(String freeze, String thaw) {}

  public QuiesceScript(Map<QuiesceMode, Templates> templates, long deadManSeconds) {
    if (!templates.containsKey(QuiesceMode.FSFREEZE)
        || !templates.containsKey(QuiesceMode.REMOUNT)) {
      throw new IllegalArgumentException("both fsfreeze and remount templates are needed");
    }
    if (deadManSeconds < 1) {
      throw new IllegalArgumentException("migrator.quiesce.dead-man must be at least 1 s");
    }
    this.templates = Map.copyOf(templates);
    this.deadManSeconds = deadManSeconds;
  }

  public long deadManSeconds() {
    return deadManSeconds;
  }

  /**
   * The script for one host.
   *
   * @param mode fsfreeze, remount or auto (fsfreeze where the host has it, else remount)
   * @param mountPoints quiesced in this order, released in reverse
   * @param preHooks operator commands run (each bounded by the host's {@code timeout}) before
   *     anything is quiesced; one failing means nothing is quiesced
   * @param postHooks run after the release; a failure is reported, the host is released anyway
   */
  public String script(
      QuiesceMode mode, List<String> mountPoints, Hooks preHooks, Hooks postHooks) {
    if (mode != QuiesceMode.FSFREEZE && mode != QuiesceMode.REMOUNT && mode != QuiesceMode.AUTO) {
      throw new IllegalArgumentException("no script for quiesce mode " + mode);
    }
    List<String> s = new ArrayList<>();
    s.add("trap '' PIPE");
    s.add("sig= dm= rd= rc=0 n=0");
    s.add("trap 'sig=1; kill $dm 2>/dev/null' HUP INT TERM");
    s.add("exec 3<&0");
    // note each mount's type and options before touching anything
    s.add("while read -r d m t o r; do");
    s.add("case $m in");
    for (int i = 0; i < mountPoints.size(); i++) {
      s.add(
          ShellQuote.quote(procMountsForm(mountPoints.get(i)))
              + ") t"
              + i
              + "=$t o"
              + i
              + "=$o ;;");
    }
    s.add("esac");
    s.add("done </proc/mounts");
    s.add("refuse() { echo \"quiesce: $1: $2\" >&2; exit " + REFUSED + "; }");
    for (int i = 0; i < mountPoints.size(); i++) {
      String mp = ShellQuote.quote(mountPoints.get(i));
      s.add("case $t" + i + " in");
      s.add("'') refuse " + mp + " 'not a mount point' ;;");
      s.add(
          NOT_QUIESCABLE_TYPES
              + ") refuse "
              + mp
              + " \"a $t"
              + i
              + " mount cannot be quiesced\" ;;");
      s.add("esac");
    }
    s.add(
        switch (mode) {
          case FSFREEZE -> "mode=fsfreeze";
          case REMOUNT -> "mode=remount";
          default ->
              "mode=remount; if [ -x /sbin/fsfreeze ] || [ -x /usr/sbin/fsfreeze ]; then"
                  + " mode=fsfreeze; fi";
        });
    s.addAll(Hooks.function());
    s.addAll(preHooks.lines("pre"));
    // a read-only mount is left alone: it is consistent already and stays read-only after
    // nothing more is quiesced once a signal came; every quiesced mount is still released
    s.addAll(modeFunction("quiesce", List.of("[ -z \"$sig\" ] || return 1"), Templates::freeze));
    s.addAll(modeFunction("release", List.of(), Templates::thaw));
    // the dead-man is armed before the first mount is touched
    s.add("sleep " + deadManSeconds + " </dev/null >/dev/null 2>&1 &");
    s.add("dm=$!");
    StringBuilder chain = new StringBuilder();
    for (int i = 0; i < mountPoints.size(); i++) {
      chain
          .append("quiesce ")
          .append(ShellQuote.quote(mountPoints.get(i)))
          .append(" \"$o")
          .append(i)
          .append("\" && n=")
          .append(i + 1)
          .append(" && ");
    }
    s.add(chain + "[ -z \"$sig\" ] || rc=$?");
    s.add("if [ $n = " + mountPoints.size() + " ] && [ -z \"$sig\" ]; then");
    s.add("echo " + FROZEN);
    // stdin of a background job is /dev/null unless redirected: fd 3 is the session's stdin
    s.add("( read -r line; kill $dm ) <&3 >/dev/null 2>&1 &");
    s.add("rd=$!");
    s.add(
        "wait $dm 2>/dev/null && echo '" + DEAD_MAN_FIRED + " after " + deadManSeconds + " s' >&2");
    s.add("fi");
    s.add("trap '' HUP INT TERM");
    s.add("kill $dm $rd 2>/dev/null");
    for (int i = mountPoints.size() - 1; i >= 0; i--) {
      s.add(
          "if [ $n -gt "
              + i
              + " ]; then release "
              + ShellQuote.quote(mountPoints.get(i))
              + " \"$o"
              + i
              + "\" || rc="
              + RELEASE_FAILED
              + "; fi");
    }
    s.addAll(postHooks.lines("post"));
    s.add("echo " + THAWED);
    s.add("exit $rc");
    return String.join("\n", s) + "\n";
  }

  /** /proc/mounts writes space, tab, newline and backslash in a mount point as octal escapes. */
  static String procMountsForm(String mountPoint) {
    return mountPoint
        .replace("\\", "\\134")
        .replace(" ", "\\040")
        .replace("\t", "\\011")
        .replace("\n", "\\012");
  }

  /**
   * A shell function of mount point ($1) and its options ($2) running the mode's template; a
   * read-only mount is left alone.
   */
  private List<String> modeFunction(
      String name, List<String> guards, Function<Templates, String> template) {
    List<String> f = new ArrayList<>();
    f.add(name + "() {");
    f.add("case $2 in ro|ro,*) return 0 ;; esac");
    f.addAll(guards);
    f.add("case $mode in");
    f.add("fsfreeze) " + apply(template.apply(templates.get(QuiesceMode.FSFREEZE))) + " ;;");
    f.add("*) " + apply(template.apply(templates.get(QuiesceMode.REMOUNT))) + " ;;");
    f.add("esac");
    f.add("}");
    return f;
  }

  private static String apply(String template) {
    return template.replace("{mp}", "\"$1\"");
  }
}
