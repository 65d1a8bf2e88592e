package dev.ec2migrator.report;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium, installed with apt-get when missing (the test fails, saying why, if
 * it cannot be). Each call is a fresh browser with its own profile and no network features.
 */
public final class Chromium {
  static final Path BINARY = Path.of("/usr/bin/chromium");

  private Chromium() {}

  public static synchronized void ensureInstalled() throws IOException, InterruptedException {
    if (Files.isExecutable(BINARY)) {
      return;
    }
    // the test JVMs run side by side and RealSshHost installs too: wait for dpkg's lock
    String log =
        run(List.of("apt-get", "-o", "DPkg::Lock::Timeout=600", "update"), 900)
            + run(
                List.of(
                    "env",
                    "DEBIAN_FRONTEND=noninteractive",
                    "apt-get",
                    "-o",
                    "DPkg::Lock::Timeout=600",
                    "install",
                    "-y",
                    "chromium"),
                1200);
    if (!Files.isExecutable(BINARY)) {
      throw new AssertionError(
          "Debian's chromium package is needed to render the report and could not be installed"
              + " with apt-get:\n"
              + log);
    }
  }

  /** The PNG of the page at the given window size, once its script ran. */
  static void screenshot(Path page, Path png, int width, int height)
      throws IOException, InterruptedException {
    screenshot(page.toUri(), png, width, height);
  }

  /** The PNG of the page at the given address (a file or 127.0.0.1) once its script ran. */
  public static void screenshot(URI page, Path png, int width, int height)
      throws IOException, InterruptedException {
    run(
        browser(
            "--window-size=" + width + "," + height,
            "--screenshot=" + png.toAbsolutePath(),
            page.toString()),
        120);
  }

  /** The DOM of the page after its script ran. */
  static String dumpDom(Path page) throws IOException, InterruptedException {
    return dumpDom(page.toUri());
  }

  /** The DOM of the page at the given address (a file or 127.0.0.1) after its script ran. */
  public static String dumpDom(URI page) throws IOException, InterruptedException {
    return run(browser("--dump-dom", page.toString()), 120);
  }

  private static List<String> browser(String... args) throws IOException {
    Path profile = Files.createTempDirectory("chromium-profile");
    List<String> command = new ArrayList<>();
    command.add(BINARY.toString());
    command.addAll(
        List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--user-data-dir=" + profile,
            "--virtual-time-budget=10000"));
    command.addAll(List.of(args));
    return command;
  }

  /** Runs a command; its stdout, or an AssertionError with both streams when it fails. */
  private static String run(List<String> command, long timeoutSeconds)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("chromium", ".out");
    Path err = Files.createTempFile("chromium", ".err");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    try {
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError("no exit within " + timeoutSeconds + " s: " + command);
      }
      if (process.exitValue() != 0) {
        throw new AssertionError(
            command + " exited " + process.exitValue() + ":\n" + Files.readString(err));
      }
      return Files.readString(out, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
