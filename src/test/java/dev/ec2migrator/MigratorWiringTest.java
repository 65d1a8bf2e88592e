package dev.ec2migrator;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.Test;

/**
 * The order of MigratorWiring is the order of the beans' dependencies. Camel binds a class's
 * methods without parameters first, then the plain ones (taking no bean of a sibling that has
 * parameters), then the rest: so a bean takes beans of the classes above its own, of a sibling
 * without parameters, or of a plain sibling. Checked here on the classes themselves, so a wrong
 * order is named before anything starts.
 */
class MigratorWiringTest {

  @Test
  void everyBeanTakesOnlyBeansBoundBeforeIt() throws Exception {
    List<Class<? extends CamelConfiguration>> classes = new ArrayList<>();
    classes.add(
        Class.forName(MigratorWiring.DEMO_CONFIGURATION).asSubclass(CamelConfiguration.class));
    classes.addAll(MigratorWiring.PRODUCT);
    assertThat(problems(classes)).isEmpty();
  }

  @Test
  void aBeanTakingABeanOfALaterClassOrASiblingsSiblingIsNamed() {
    assertThat(problems(List.of(Later.class, Earlier.class)))
        .containsExactly("Later.later takes Earlier, bound by no class above and no plain sibling");
    assertThat(problems(List.of(Chain.class)))
        .containsExactly("Chain.third takes Second, bound by no class above and no plain sibling");
    assertThat(problems(List.of(Earlier.class, Later.class))).isEmpty();
  }

  @Test
  void eachBeanMethodRunsOnceWhenTheApplicationStarts() throws Exception {
    Counted.calls.set(0);
    org.apache.camel.main.Main main = new org.apache.camel.main.Main();
    MigratorWiring.add(main.configure(), Counted.class);
    main.start();
    try {
      assertThat(main.getCamelContext().getRegistry().lookupByName("counted")).isEqualTo("bound");
      assertThat(Counted.calls).hasValue(1);
    } finally {
      main.stop();
    }
  }

  /** A configuration whose bean method counts its calls. */
  public static class Counted implements CamelConfiguration {
    static final java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();

    @BindToRegistry("counted")
    public String counted() {
      calls.incrementAndGet();
      return "bound";
    }
  }

  private static List<String> problems(List<Class<? extends CamelConfiguration>> classes) {
    List<Class<?>> boundAbove = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Class<?> configuration : classes) {
      List<Method> methods = beanMethods(configuration);
      List<Method> withParameters =
          methods.stream().filter(m -> m.getParameterCount() > 0).toList();
      List<Class<?>> plainSiblings =
          methods.stream()
              .filter(m -> beanParameters(m).stream().noneMatch(p -> madeBy(p, withParameters)))
              .<Class<?>>map(Method::getReturnType)
              .toList();
      for (Method method : methods) {
        for (Class<?> type : beanParameters(method)) {
          if (!isAmong(type, boundAbove) && !isAmong(type, plainSiblings)) {
            problems.add(
                configuration.getSimpleName()
                    + "."
                    + method.getName()
                    + " takes "
                    + type.getSimpleName()
                    + ", bound by no class above and no plain sibling");
          }
        }
      }
      methods.forEach(m -> boundAbove.add(m.getReturnType()));
    }
    return problems;
  }

  private static List<Method> beanMethods(Class<?> configuration) {
    List<Method> methods = new ArrayList<>();
    for (Method method : configuration.getDeclaredMethods()) {
      if (method.isAnnotationPresent(BindToRegistry.class)) {
        methods.add(method);
      }
    }
    return methods;
  }

  /** The parameters Camel looks up by type (not a property, not the context or its registry). */
  private static List<Class<?>> beanParameters(Method method) {
    List<Class<?>> types = new ArrayList<>();
    for (Parameter parameter : method.getParameters()) {
      Class<?> type = parameter.getType();
      if (!parameter.isAnnotationPresent(PropertyInject.class)
          && type != CamelContext.class
          && type != Registry.class) {
        types.add(type);
      }
    }
    return types;
  }

  private static boolean madeBy(Class<?> type, List<Method> methods) {
    return methods.stream().anyMatch(m -> type.isAssignableFrom(m.getReturnType()));
  }

  private static boolean isAmong(Class<?> type, List<Class<?>> bound) {
    return bound.stream().anyMatch(type::isAssignableFrom);
  }

  public static class Earlier implements CamelConfiguration {
    @BindToRegistry
    public Earlier earlier() {
      return this;
    }
  }

  public static class Later implements CamelConfiguration {
    @BindToRegistry
    public String later(Earlier earlier) {
      return "later";
    }
  }

  public static class Chain implements CamelConfiguration {
    @BindToRegistry
    public First first(@PropertyInject("x") String x) {
      return new First();
    }

    @BindToRegistry
    public Second second(First first) {
      return new Second();
    }

    @BindToRegistry
    public Integer third(Second second) {
      return 3;
    }
  }

  public static class First {}

  public static class Second {}
}
