package dev.pncpki.runtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * runtime is what the two services run on alike, below both (docs/architecture.md): it knows no
 * other module of the project and holds no domain code, no keys and no SQL access layer (it only
 * sets how JDBI words its errors, so that no service logs a bound value).
 */
@AnalyzeClasses(
    packages = "dev.pncpki.runtime",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule knowsNoOtherModule =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.pncpki.policies..",
              "dev.pncpki.contract..",
              "dev.pncpki.ca..",
              "dev.pncpki.bridge..")
          .because("both services depend on runtime, never the other way (docs/architecture.md)");

  @ArchTest
  static final ArchRule holdsNoKeys =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.github.jopenlibs..", "org.bouncycastle..")
          .because("runtime starts things; keys belong to the services")
          .allowEmptyShould(true);

  @ArchTest
  static final ArchRule accessesNoData =
      noClasses()
          .that()
          .doNotHaveFullyQualifiedName("dev.pncpki.runtime.postgres.QuietErrors")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.jdbi..")
          .because(
              "data belongs to the services; runtime only sets how JDBI words its errors"
                  + " (QuietErrors)");
}
