package dev.ec2migrator.demo.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterSpecTest {
  @Test
  void wildcardsEscapesAndLiterals() {
    FilterSpec f = new FilterSpec("name", List.of("web-*", "db-0?", "literal\\*star"));
    assertThat(f.matches("web-0001")).isTrue();
    assertThat(f.matches("db-01")).isTrue();
    assertThat(f.matches("db-011")).isFalse();
    assertThat(f.matches("literal*star")).isTrue();
    assertThat(f.matches("literalXstar")).isFalse();
    assertThat(f.matches("a.b")).isFalse();
    assertThat(new FilterSpec("x", List.of("a.b")).matches("axb")).isFalse();
    assertThat(new FilterSpec("x", List.of("🚀*")).matches("🚀 launch")).isTrue();
    assertThat(f.matches(null)).isFalse();
  }

  @Test
  void tagFilters() {
    Map<String, String> tags = Map.of("migrator:run", "r1", "Name", "a,b");
    assertThat(new FilterSpec("tag:migrator:run", List.of("r1")).matchesTags(tags)).isTrue();
    assertThat(new FilterSpec("tag:migrator:run", List.of("r2")).matchesTags(tags)).isFalse();
    assertThat(new FilterSpec("tag:Name", List.of("a,b")).matchesTags(tags)).isTrue();
    assertThat(new FilterSpec("tag-key", List.of("Name")).matchesTags(tags)).isTrue();
    assertThat(new FilterSpec("tag-key", List.of("Owner")).matchesTags(tags)).isFalse();
  }
}
