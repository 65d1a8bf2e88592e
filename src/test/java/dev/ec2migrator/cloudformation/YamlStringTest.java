package dev.ec2migrator.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

class YamlStringTest {
  // snakeyaml-engine 3.0.1 fails on a surrogate pair that straddles its 1 KiB read window, so the
  // tests read whole documents in one window
  static final LoadSettings YAML_SETTINGS = LoadSettings.builder().setBufferSize(16 << 20).build();

  private static Object parseValue(String quoted) {
    Map<?, ?> doc = (Map<?, ?>) new Load(YAML_SETTINGS).loadFromString("key: " + quoted + "\n");
    return doc.get("key");
  }

  @Test
  void everyCodePointRoundTripsThroughAYamlParser() {
    StringBuilder all = new StringBuilder();
    for (int c = 0; c <= 0x10FFFF; c++) {
      if (c < 0xD800 || c > 0xDFFF) {
        all.appendCodePoint(c);
      }
    }
    String text = all.toString();

    assertThat(parseValue(YamlString.quote(text))).isEqualTo(text);
  }

  @Test
  void quotesOnOneLineWithNothingBareThatYamlWouldInterpret() {
    String quoted = YamlString.quote("a\nb\r\u0085\u2028\u2029\"\\ #c: d");

    assertThat(quoted)
        .startsWith("\"")
        .endsWith("\"")
        .doesNotContain("\n", "\r", "\u0085", "\u2028", "\u2029")
        .isEqualTo("\"a\\nb\\r\\u0085\\u2028\\u2029\\\"\\\\ #c: d\"");
  }

  @Test
  void printsReadableTextUnchanged() {
    assertThat(YamlString.of("web-1 Ωμέγα 😀").toString()).isEqualTo("\"web-1 Ωμέγα 😀\"");
  }
}
