package dev.pncpki.bridge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The bridge is internet-facing and reaches the CA over HTTPS only (DESIGN.md): it shares no code
 * with ca-service or contract-certs and never talks to Vault or the database directly. Empty
 * packages are allowed while the module has no classes yet.
 */
@AnalyzeClasses(
    packages = "dev.pncpki.bridge",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule talksToTheCaOnlyOverHttp =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.pncpki.ca..", "dev.pncpki.contract..")
          .because("the bridge calls ca-service over HTTPS and shares only policies with it")
          .allowEmptyShould(true);

  @ArchTest
  static final ArchRule touchesNoVaultOrDatabaseDirectly =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.github.jopenlibs..", "org.jdbi..", "java.sql..")
          .because("a compromised bridge must not reach Vault or the CA database")
          .allowEmptyShould(true);

  @ArchTest
  static final ArchRule packagedByFeature =
      noClasses()
          .should()
          .resideInAnyPackage("..util..", "..common..", "..helpers..", "..misc..")
          .because("packages are named by feature (CONVENTIONS.md)")
          .allowEmptyShould(true);

  @ArchTest
  static final ArchRule featurePackagesDependOneWay =
      slices()
          .matching("dev.pncpki.bridge.(*)..")
          .should()
          .beFreeOfCycles()
          .because(
              "dependencies point one way (CONVENTIONS.md): e.g. proxy uses station's Upstream,"
                  + " station never uses proxy");
}
