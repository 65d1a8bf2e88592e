package dev.ec2migrator.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.PipelineTestSupport;
import dev.ec2migrator.run.MigrationRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The sample run's report, written with its CSV, rendered in headless Chromium: a screenshot, one
 * lane per instance, and the same totals as the CSV.
 */
class SampleRunReportTest extends PipelineTestSupport {

  @Test
  void theReportOfTheSampleRunShowsOneLanePerInstanceAndTheCsvsTotals() throws Exception {
    Chromium.ensureInstalled();
    MigrationRun run =
        migrate("sample.csv", Files.readString(Path.of("config/sample-instances.csv")));
    Path report = run.csvFile().resolveSibling(run.runId() + ".report.html");
    assertThat(report).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(report)))
        .isEqualTo("rw-------");
    String page = Files.readString(report);
    // self-contained: no address but the SVG namespace, nothing loaded, a policy that forbids it
    assertThat(page.replace("http://www.w3.org/2000/svg", ""))
        .doesNotContainPattern("(?i)https?:|src=|<link|@import|url\\(");
    assertThat(page).contains("content=\"default-src 'none';");

    Path png = work().resolve("report.png");
    Chromium.screenshot(report, png, 1300, 2400);
    assertThat(png).exists();
    byte[] image = Files.readAllBytes(png);
    assertThat(image.length).isGreaterThan(10_000);
    assertThat(new String(image, 1, 3, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("PNG");

    String dom = Chromium.dumpDom(report);
    List<Map<String, String>> rows = readCsv(run.csvFile());
    Map<String, String> statusOf = new LinkedHashMap<>();
    rows.forEach(r -> statusOf.put(r.get("source_instance_id"), r.get("status")));

    List<String> lanes =
        all(dom, "<g class=\"lane\" data-instance=\"([^\"]+)\" data-final=\"(\\w+)\"");
    assertThat(lanes).containsExactlyElementsOf(statusOf.keySet());
    assertThat(figure(dom, "instances")).isEqualTo(statusOf.size());
    assertThat(figure(dom, "done"))
        .isEqualTo(statusOf.values().stream().filter("MIGRATED"::equals).count());
    assertThat(figure(dom, "failed"))
        .isEqualTo(statusOf.values().stream().filter("FAILED"::equals).count())
        // the busy host, and the Windows, RHEL and Marketplace sources refused before any cost
        .isEqualTo(4);
    assertThat(figure(dom, "volumes")).isEqualTo(rows.size());
    // a failed lane is a CSV failed instance, and the failures table gives the reasons
    Matcher failedLane =
        Pattern.compile("data-instance=\"([^\"]+)\" data-final=\"FAILED\"").matcher(dom);
    assertThat(failedLane.find()).isTrue();
    assertThat(statusOf.get(failedLane.group(1))).isEqualTo("FAILED");
    assertThat(dom).contains("mount point is busy").contains("image-source");
    // every lane drew its stages: the frozen window of a migrated instance is on its lane
    assertThat(dom).contains("data-category=\"frozen\"").contains("data-category=\"copy\"");
    assertThat(dom).containsPattern("class=\"series\" data-series=\"copies\"");
  }

  private static List<String> all(String text, String regex) {
    return Pattern.compile(regex).matcher(text).results().map(m -> m.group(1)).toList();
  }

  static long figure(String dom, String name) {
    Matcher m = Pattern.compile("data-figure=\"" + name + "\">([0-9.]+)<").matcher(dom);
    assertThat(m.find()).as("figure " + name).isTrue();
    return (long) Double.parseDouble(m.group(1));
  }
}
