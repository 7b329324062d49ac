package dev.pncpki.ca;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** ca-service is the top of the dependency direction; the bridge reaches it over HTTP only. */
@AnalyzeClasses(packages = "dev.pncpki.ca", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule doesNotDependOnTheBridge =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.pncpki.bridge..")
          .because(
              "the bridge is a separate, internet-facing service that calls the CA over HTTPS");

  @ArchTest
  static final ArchRule packagedByFeature =
      noClasses()
          .should()
          .resideInAnyPackage("..util..", "..common..", "..helpers..", "..misc..")
          .because("packages are named by feature (docs/architecture.md)");
}
