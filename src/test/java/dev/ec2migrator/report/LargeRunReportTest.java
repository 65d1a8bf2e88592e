package dev.ec2migrator.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 10,000-instance report (recorded through the recorder on a generated timeline) stays usable:
 * every instance is counted and drawn in the stages-over-time chart, lanes come a page at a time,
 * hostile failure text stays text. Prints how long Chromium takes (BENCHMARKS.md).
 */
class LargeRunReportTest {
  @TempDir Path dir;

  @Test
  void tenThousandInstancesRenderAPageOfLanesAndEveryInstanceInTheOverview() throws Exception {
    Chromium.ensureInstalled();
    GeneratedRun generated = GeneratedRun.of(10_000, 7);
    Path page = dir.resolve("fleet-10000.report.html");
    Files.writeString(page, generated.html());

    long begin = System.nanoTime();
    String dom = Chromium.dumpDom(page);
    long wallMs = (System.nanoTime() - begin) / 1_000_000;
    long scriptMs = attribute(dom, "data-render-ms");
    // the same browser on an empty page: what of the wall time is Chromium starting
    Path empty = dir.resolve("empty.html");
    Files.writeString(empty, "<!DOCTYPE html><title>empty</title>");
    long emptyBegin = System.nanoTime();
    Chromium.dumpDom(empty);
    long emptyMs = (System.nanoTime() - emptyBegin) / 1_000_000;
    System.out.printf(
        "10,000-instance report: %d KB, its script drew it in %d ms; headless Chromium from start"
            + " to the dumped DOM %d ms (an empty page: %d ms)%n",
        Files.size(page) / 1024, scriptMs, wallMs, emptyMs);

    assertThat(attribute(dom, "data-lanes-total")).isEqualTo(10_000);
    assertThat(SampleRunReportTest.figure(dom, "instances")).isEqualTo(10_000);
    assertThat(SampleRunReportTest.figure(dom, "failed"))
        .isEqualTo(generated.failed)
        .isEqualTo(100);
    assertThat(SampleRunReportTest.figure(dom, "done")).isEqualTo(10_000 - generated.failed);
    assertThat(Pattern.compile("<g class=\"lane\"").matcher(dom).results().count()).isEqualTo(200);
    assertThat(dom).contains("instances 1-200 of 10000 (page 1 of 50)");
    // one stacked area per category: waiting, frozen, snapshot, copy, image, done, failed
    assertThat(Pattern.compile("class=\"area\"").matcher(dom).results().count()).isEqualTo(7);
    // the copies chart never goes past the limit the generator kept
    assertThat(dom).contains("limit " + GeneratedRun.COPY_LIMIT);
    // the hostile reason is a table cell's text: no element made of it, the script ran to the end
    assertThat(dom)
        .contains("&lt;/script&gt;&lt;img src=x onerror=")
        .doesNotContain("<img")
        .doesNotContain("owned</title>");
    // a generous bound, far above what it takes: the figure itself goes to BENCHMARKS.md
    assertThat(scriptMs).isLessThan(30_000);

    Path png = dir.resolve("fleet-10000.png");
    Chromium.screenshot(page, png, 1300, 3200);
    assertThat(Files.size(png)).isGreaterThan(10_000);
  }

  private static long attribute(String dom, String name) {
    Matcher m = Pattern.compile(name + "=\"(\\d+)\"").matcher(dom);
    assertThat(m.find()).as(name).isTrue();
    return Long.parseLong(m.group(1));
  }
}
