package dev.ec2migrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A test helper named like a product class (nested classes included) is read as the product class
 * in a stack trace, a search or an import; every name in src/test must be its own.
 */
class TestHelperNamesTest {

  @Test
  void noTestClassSharesAProductClassName() throws Exception {
    Set<String> productNames =
        named(classesUnder(MigratorApp.class)).stream()
            .map(JavaClass::getSimpleName)
            .collect(Collectors.toSet());
    List<String> clashes =
        named(classesUnder(TestHelperNamesTest.class)).stream()
            .filter(c -> productNames.contains(c.getSimpleName()))
            .map(JavaClass::getName)
            .sorted()
            .toList();

    assertThat(productNames).as("product classes were imported").contains("MigratorApp");
    assertThat(clashes).as("test classes named like a product class").isEmpty();
  }

  private static JavaClasses classesUnder(Class<?> member) throws Exception {
    return new ClassFileImporter()
        .importPath(Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI()));
  }

  /** Classes a reader sees by name: no anonymous or synthetic class, no package-info. */
  private static List<JavaClass> named(JavaClasses classes) {
    return classes.stream()
        .filter(c -> !c.isAnonymousClass() && !c.getSimpleName().isEmpty())
        .filter(c -> !c.getSimpleName().equals("package-info"))
        .toList();
  }
}
