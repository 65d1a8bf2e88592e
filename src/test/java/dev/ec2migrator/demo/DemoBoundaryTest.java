package dev.ec2migrator.demo;

import static com.tngtech.archunit.base.DescribedPredicate.or;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.ec2migrator.MigratorApp;
import dev.ec2migrator.aws.Ec2Clients;
import dev.ec2migrator.cutover.CutoverAdmission;
import dev.ec2migrator.cutover.GateWaits;
import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.model.SourceInstance;
import dev.ec2migrator.model.Stage;
import dev.ec2migrator.run.MigrationRun;
import dev.ec2migrator.wiring.Lifecycle;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo world (a fake EC2 and CloudFormation server, a shell interpreter behind an SSH server,
 * the fleet benchmark) sits behind one boundary: the product never reaches into it except through
 * the two commands that exist to start it, and it reaches into the product only where it measures
 * the product.
 */
class DemoBoundaryTest {
  private static final String PRODUCT = "dev.ec2migrator..";
  private static final String DEMO = "dev.ec2migrator.demo..";

  /** The only product classes that may start the demo world. */
  private static final String[] DEMO_ENTRY_POINTS = {
    "dev.ec2migrator.SimulateCommand", "dev.ec2migrator.BenchCommand",
  };

  /**
   * The product classes the demo world may use. The benchmark drives a real run and reads its
   * outcome (MigrationRun, InstanceMigration, its SourceInstance, Stage), and its sequential
   * baseline calls EC2 through the run's own SDK clients (Ec2Clients) so that both sides pay the
   * same client costs. The two-phase benchmark reads how long hosts waited at the cutover's gates
   * (CutoverAdmission's GateWaits figures), and clears them before each wave.
   */
  private static final Class<?>[] PRODUCT_USED_BY_DEMO = {
    MigrationRun.class,
    InstanceMigration.class,
    SourceInstance.class,
    Stage.class,
    Ec2Clients.class,
    CutoverAdmission.class,
    GateWaits.Figures.class,
    // the demo configuration closes the world with the context, as every configuration does
    Lifecycle.class,
  };

  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() throws Exception {
    Path mainClasses =
        Path.of(MigratorApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    main = new ClassFileImporter().importPath(mainClasses);
    assertThat(main.containPackage("dev.ec2migrator.demo.ec2"))
        .as("the demo world's classes were imported")
        .isTrue();
  }

  /**
   * No product class depends on the demo world except its entry points; {@code allowed} are class
   * names. The demo configuration lives inside the demo world and is named by string in
   * MigratorWiring, so it needs no allowance.
   */
  static ArchRule productOnlyEntersDemoThrough(String... allowed) {
    return noClasses()
        .that()
        .resideOutsideOfPackage(DEMO)
        .and()
        .haveNameNotMatching(String.join("|", quoted(allowed)))
        .should()
        .dependOnClassesThat()
        .resideInAPackage(DEMO)
        .because("the demo world is reached only through the simulate and bench commands");
  }

  static ArchRule demoUsesOnlyProduct(Class<?>... allowed) {
    return classes()
        .that()
        .resideInAPackage(DEMO)
        .should()
        .onlyDependOnClassesThat(
            or(resideOutsideOfPackage(PRODUCT), resideInAPackage(DEMO), belongToAnyOf(allowed)))
        .because("the demo world stands in for AWS and hosts and must not borrow product logic");
  }

  @Test
  void productReachesTheDemoWorldOnlyThroughItsEntryPoints() {
    productOnlyEntersDemoThrough(DEMO_ENTRY_POINTS).check(main);
  }

  @Test
  void demoWorldUsesOnlyTheProductClassesItMeasures() {
    demoUsesOnlyProduct(PRODUCT_USED_BY_DEMO).check(main);
  }

  @Test
  void aProductClassThatReachesIntoTheDemoWorldBreaksTheRule() {
    // SimulateCommand really starts the demo world: without its allowance it is a violation
    EvaluationResult result =
        productOnlyEntersDemoThrough("dev.ec2migrator.BenchCommand").evaluate(main);

    assertThat(violators(result)).containsExactly("dev.ec2migrator.SimulateCommand");
  }

  @Test
  void theDemoWorldBorrowingAProductClassBreaksTheRule() {
    // the benchmarks really read the runs' outcome: without MigrationRun they are violations
    EvaluationResult result =
        demoUsesOnlyProduct(
                InstanceMigration.class,
                SourceInstance.class,
                Stage.class,
                Ec2Clients.class,
                CutoverAdmission.class,
                GateWaits.Figures.class,
                Lifecycle.class)
            .evaluate(main);

    assertThat(violators(result))
        .containsExactlyInAnyOrder(
            "dev.ec2migrator.demo.bench.FleetBenchmark",
            "dev.ec2migrator.demo.bench.FleetRun",
            "dev.ec2migrator.demo.bench.TwoPhaseWave");
  }

  private static String[] quoted(String... names) {
    return Arrays.stream(names).map(n -> Pattern.quote(n) + "(\\$.*)?").toArray(String[]::new);
  }

  /** The top-level classes from which a violating dependency starts. */
  private static Set<String> violators(EvaluationResult result) {
    assertThat(result.hasViolation()).as("the rule reports a violation").isTrue();
    Set<String> origins = new TreeSet<>();
    result.<Dependency>handleViolations(
        (dependencies, message) ->
            dependencies.forEach(d -> origins.add(topLevel(d.getOriginClass()).getName())));
    return origins;
  }

  private static JavaClass topLevel(JavaClass c) {
    return c.getEnclosingClass().map(DemoBoundaryTest::topLevel).orElse(c);
  }
}
