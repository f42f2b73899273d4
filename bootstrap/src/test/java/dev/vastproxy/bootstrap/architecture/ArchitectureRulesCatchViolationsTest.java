package dev.vastproxy.bootstrap.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.vastproxy.adapters.http.archcyclea.HttpCycleA;
import dev.vastproxy.adapters.http.archcycleb.HttpCycleB;
import dev.vastproxy.adapters.http.archviolation.AdapterUsesBootstrap;
import dev.vastproxy.adapters.http.archviolation.HttpUsesSimulator;
import dev.vastproxy.adapters.ssh.archviolation.SshUsesGeneratedClient;
import dev.vastproxy.adapters.tui.archviolation.TuiUsesHttpAdapter;
import dev.vastproxy.application.archviolation.ApplicationUsesUndertow;
import dev.vastproxy.application.archviolation.ModuleCycle;
import dev.vastproxy.application.port.archviolation.PortUsesService;
import dev.vastproxy.domain.archcyclea.CycleA;
import dev.vastproxy.domain.archcycleb.CycleB;
import dev.vastproxy.domain.archviolation.DomainParsesWireShapes;
import dev.vastproxy.domain.archviolation.DomainUsesApplication;
import dev.vastproxy.domain.archviolation.DomainUsesJackson;
import dev.vastproxy.simulator.archviolation.SimulatorUsesDomain;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves that each rule catches a violation: the product plus one class that breaks the rule (kept
 * in test sources) fails it, naming that class.
 */
class ArchitectureRulesCatchViolationsTest {

  static Stream<Arguments> violations() {
    return Stream.of(
        Arguments.of(
            ArchitectureRules.DOMAIN_DEPENDS_ON_JDK_ONLY, List.of(DomainUsesJackson.class)),
        Arguments.of(
            ArchitectureRules.APPLICATION_DEPENDS_ON_DOMAIN_ONLY,
            List.of(ApplicationUsesUndertow.class)),
        Arguments.of(
            ArchitectureRules.PORTS_DO_NOT_DEPEND_ON_SERVICES, List.of(PortUsesService.class)),
        Arguments.of(ArchitectureRules.ADAPTERS_ARE_INDEPENDENT, List.of(TuiUsesHttpAdapter.class)),
        Arguments.of(
            ArchitectureRules.NOTHING_DEPENDS_ON_BOOTSTRAP, List.of(AdapterUsesBootstrap.class)),
        Arguments.of(
            ArchitectureRules.GENERATED_CLIENT_ONLY_IN_VASTAI_ADAPTER,
            List.of(SshUsesGeneratedClient.class)),
        Arguments.of(
            ArchitectureRules.SIMULATOR_ONLY_FOR_BOOTSTRAP, List.of(HttpUsesSimulator.class)),
        Arguments.of(
            ArchitectureRules.SIMULATOR_IS_INDEPENDENT, List.of(SimulatorUsesDomain.class)),
        Arguments.of(ArchitectureRules.LAYERS, List.of(DomainUsesApplication.class)),
        Arguments.of(
            ArchitectureRules.NO_CYCLES, List.of(DomainUsesApplication.class, ModuleCycle.class)),
        Arguments.of(ArchitectureRules.NO_DOMAIN_CYCLES, List.of(CycleA.class, CycleB.class)),
        Arguments.of(
            ArchitectureRules.HTTP_SIDES_FREE_OF_CYCLES,
            List.of(HttpCycleA.class, HttpCycleB.class)),
        Arguments.of(
            ArchitectureRules.DOMAIN_HOLDS_NO_WIRE_PARSING, List.of(DomainParsesWireShapes.class)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("violations")
  void theRuleFailsOnAClassThatBreaksIt(ArchRule rule, List<Class<?>> violators) {
    JavaClasses withViolation = productPlus(violators);

    assertThatThrownBy(() -> rule.check(withViolation))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(violators.get(0).getName());
  }

  /** The product's classes, plus the given test classes. */
  private static JavaClasses productPlus(List<Class<?>> extra) {
    List<String> allowed =
        extra.stream().map(type -> "/" + type.getName().replace('.', '/') + ".class").toList();
    return new ClassFileImporter()
        .withImportOption(
            location ->
                (!location.contains("/test-classes/") && !location.contains("-tests.jar"))
                    || allowed.stream().anyMatch(location::contains))
        .importPackages(
            Stream.concat(
                    Stream.of(ArchitectureRules.ROOT),
                    extra.stream().map(type -> type.getPackageName()))
                .distinct()
                .toArray(String[]::new));
  }
}
