package dev.vastproxy.bootstrap.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks the whole product against the architecture page's rules. */
class ArchitectureTest {
  /**
   * Every module's main classes, whether the build put them on the class path as jars ({@code
   * verify}) or folders ({@code test}); test classes and test-jars are left out.
   */
  static final JavaClasses PRODUCT =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(location -> !location.contains("-tests.jar"))
          .importPackages(ArchitectureRules.ROOT);

  @ParameterizedTest(name = "imports classes of {0}")
  @ValueSource(
      strings = {
        "domain",
        "application",
        "adapters.vastai",
        "adapters.ssh",
        "adapters.http",
        "adapters.tui",
        "simulator",
        "openapi",
        "bootstrap"
      })
  void importsEveryModuleSoNoRuleCanPassVacuously(String module) {
    String root = ArchitectureRules.ROOT + "." + module + ".";
    long imported =
        PRODUCT.stream().map(JavaClass::getName).filter(name -> name.startsWith(root)).count();

    assertThat(imported).as("classes imported from " + module).isPositive();
  }

  @Test
  void leavesTestClassesOut() {
    assertThat(PRODUCT.stream().map(JavaClass::getSimpleName))
        .doesNotContain(ArchitectureTest.class.getSimpleName())
        .doesNotContain("Instances");
  }

  static Stream<Arguments> rules() {
    return ArchitectureRules.ALL.stream().map(rule -> Arguments.of(rule.getDescription(), rule));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void theProductFollowsTheRule(String description, ArchRule rule) {
    rule.check(PRODUCT);
  }
}
