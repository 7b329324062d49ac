package dev.pncpki.contract;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * contract-certs sits between policies and ca-service (DESIGN.md). Empty packages are allowed while
 * the module has no classes yet.
 */
@AnalyzeClasses(
    packages = "dev.pncpki.contract",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule dependsOnlyDownward =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.pncpki.ca..", "dev.pncpki.bridge..")
          .because("ca-service depends on contract-certs, and the bridge is a separate service")
          .allowEmptyShould(true);

  @ArchTest
  static final ArchRule touchesNoStorageOrVault =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.github.jopenlibs..", "org.jdbi..", "java.sql..")
          .because(
              "only ca-service touches the database or Vault; contract-certs signs through"
                  + " an interface that ca-service implements")
          .allowEmptyShould(true);

  @ArchTest
  static final ArchRule packagedByFeature =
      noClasses()
          .should()
          .resideInAnyPackage("..util..", "..common..", "..helpers..", "..misc..")
          .because("packages are named by feature (CONVENTIONS.md)")
          .allowEmptyShould(true);
}
