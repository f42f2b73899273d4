package dev.vastproxy.bootstrap.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import java.util.Locale;

/** The dependency rules of the architecture page, as ArchUnit rules. */
final class ArchitectureRules {
  static final String ROOT = "dev.vastproxy";
  static final String DOMAIN = ROOT + ".domain..";
  static final String APPLICATION = ROOT + ".application..";
  static final String ADAPTERS = ROOT + ".adapters..";
  static final String VASTAI_ADAPTER = ROOT + ".adapters.vastai..";
  static final String GENERATED_CLIENT = ROOT + ".openapi..";
  static final String SIMULATOR = ROOT + ".simulator..";
  static final String BOOTSTRAP = ROOT + ".bootstrap..";

  /** The domain is plain Java: it depends on the JDK alone. */
  static final ArchRule DOMAIN_DEPENDS_ON_JDK_ONLY =
      classes()
          .that()
          .resideInAPackage(DOMAIN)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(DOMAIN, "java..")
          .as("the domain depends on the JDK alone");

  /** The application depends on the domain alone (no DI annotations, no logging framework). */
  static final ArchRule APPLICATION_DEPENDS_ON_DOMAIN_ONLY =
      classes()
          .that()
          .resideInAPackage(APPLICATION)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(APPLICATION, DOMAIN, "java..")
          .as("the application depends on the domain and the JDK alone");

  /** In-ports and out-ports know nothing of the services behind them. */
  static final ArchRule PORTS_DO_NOT_DEPEND_ON_SERVICES =
      noClasses()
          .that()
          .resideInAPackage(ROOT + ".application.port..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage(ROOT + ".application.service..")
          .as("ports do not depend on services");

  /** No adapter depends on another adapter. */
  static final ArchRule ADAPTERS_ARE_INDEPENDENT =
      slices()
          .matching(ROOT + ".adapters.(*)..")
          .should()
          .notDependOnEachOther()
          .as("adapters do not depend on each other");

  /** Bootstrap wires everything; nothing depends on it. */
  static final ArchRule NOTHING_DEPENDS_ON_BOOTSTRAP =
      noClasses()
          .that()
          .resideOutsideOfPackage(BOOTSTRAP)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(BOOTSTRAP)
          .as("nothing depends on bootstrap");

  /** Generated vast.ai types stay in the vast.ai adapter, which maps them at its edge. */
  static final ArchRule GENERATED_CLIENT_ONLY_IN_VASTAI_ADAPTER =
      noClasses()
          .that()
          .resideOutsideOfPackages(GENERATED_CLIENT, VASTAI_ADAPTER)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(GENERATED_CLIENT)
          .as("only the vast.ai adapter uses the generated client");

  /** The simulator is a fake outside world: only bootstrap (demo mode) uses it in main code. */
  static final ArchRule SIMULATOR_ONLY_FOR_BOOTSTRAP =
      noClasses()
          .that()
          .resideOutsideOfPackages(SIMULATOR, BOOTSTRAP)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(SIMULATOR)
          .as("only bootstrap uses the simulator");

  /** The simulator does not lean on the product it imitates the world for. */
  static final ArchRule SIMULATOR_IS_INDEPENDENT =
      noClasses()
          .that()
          .resideInAPackage(SIMULATOR)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(DOMAIN, APPLICATION, ADAPTERS, GENERATED_CLIENT, BOOTSTRAP)
          .as("the simulator depends on no product module");

  /** Dependencies point inward only. */
  static final ArchRule LAYERS =
      layeredArchitecture()
          .consideringOnlyDependenciesInAnyPackage(ROOT + "..")
          .withOptionalLayers(true)
          .layer("Domain")
          .definedBy(DOMAIN)
          .layer("Application")
          .definedBy(APPLICATION)
          .layer("Adapters")
          .definedBy(ADAPTERS)
          .layer("GeneratedClient")
          .definedBy(GENERATED_CLIENT)
          .layer("Simulator")
          .definedBy(SIMULATOR)
          .layer("Bootstrap")
          .definedBy(BOOTSTRAP)
          .whereLayer("Bootstrap")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("Adapters")
          .mayOnlyBeAccessedByLayers("Bootstrap")
          .whereLayer("Simulator")
          .mayOnlyBeAccessedByLayers("Bootstrap")
          .whereLayer("GeneratedClient")
          .mayOnlyBeAccessedByLayers("Adapters")
          .whereLayer("Application")
          .mayOnlyBeAccessedByLayers("Adapters", "Bootstrap")
          .whereLayer("Domain")
          .mayOnlyBeAccessedByLayers("Application", "Adapters", "Bootstrap")
          .as("dependencies point inward only");

  /** Neither modules nor the domain's parts depend on each other in a circle. */
  static final ArchRule NO_CYCLES =
      slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().as("modules are free of cycles");

  /** The domain's packages do not depend on each other in a circle. */
  static final ArchRule NO_DOMAIN_CYCLES =
      slices()
          .matching(ROOT + ".domain.(*)..")
          .should()
          .beFreeOfCycles()
          .as("domain packages are free of cycles");

  /**
   * The HTTP adapter's sides (the front door and admin API, the relay, the upstream plumbing, the
   * engine out-ports, metrics and tracing) depend on each other one way only.
   */
  static final ArchRule HTTP_SIDES_FREE_OF_CYCLES =
      slices()
          .matching(ROOT + ".adapters.http.(*)..")
          .should()
          .beFreeOfCycles()
          .as("the HTTP adapter's packages are free of cycles");

  /**
   * Wire formats are cleaned in their adapter: no domain method reads a raw wire value (named for
   * the wire, or taking an untyped {@code Object}; {@code equals} and compiler bridges excepted).
   */
  static final ArchRule DOMAIN_HOLDS_NO_WIRE_PARSING =
      methods()
          .that()
          .areDeclaredInClassesThat()
          .resideInAPackage(DOMAIN)
          .should(takeNoRawWireValue())
          .as("the domain holds no wire-shape parsing");

  private static ArchCondition<JavaMethod> takeNoRawWireValue() {
    return new ArchCondition<>("take no raw wire value") {
      @Override
      public void check(JavaMethod method, ConditionEvents events) {
        if (method.getModifiers().contains(JavaModifier.SYNTHETIC)) {
          return;
        }
        boolean namedForTheWire = method.getName().toLowerCase(Locale.ROOT).contains("wire");
        boolean untyped =
            !method.getName().equals("equals")
                && method.getRawParameterTypes().stream()
                    .anyMatch(type -> type.isEquivalentTo(Object.class));
        if (namedForTheWire || untyped) {
          events.add(
              SimpleConditionEvent.violated(
                  method,
                  method.getFullName()
                      + (namedForTheWire ? " is named for the wire" : " takes an untyped Object")));
        }
      }
    };
  }

  /** Every rule, for the test that checks them all. */
  static final List<ArchRule> ALL =
      List.of(
          DOMAIN_DEPENDS_ON_JDK_ONLY,
          APPLICATION_DEPENDS_ON_DOMAIN_ONLY,
          PORTS_DO_NOT_DEPEND_ON_SERVICES,
          ADAPTERS_ARE_INDEPENDENT,
          NOTHING_DEPENDS_ON_BOOTSTRAP,
          GENERATED_CLIENT_ONLY_IN_VASTAI_ADAPTER,
          SIMULATOR_ONLY_FOR_BOOTSTRAP,
          SIMULATOR_IS_INDEPENDENT,
          LAYERS,
          NO_CYCLES,
          NO_DOMAIN_CYCLES,
          HTTP_SIDES_FREE_OF_CYCLES,
          DOMAIN_HOLDS_NO_WIRE_PARSING);

  private ArchitectureRules() {}
}
