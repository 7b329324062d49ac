package dev.pncpki.policies;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.io.File;
import java.net.URI;

/** policies is the bottom of the dependency direction (docs/architecture.md): rules, no I/O. */
@AnalyzeClasses(
    packages = "dev.pncpki.policies",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule dependsOnNoOtherModule =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.pncpki.contract..", "dev.pncpki.ca..", "dev.pncpki.bridge..")
          .because(
              "every other module depends on policies, never the other way (docs/architecture.md)");

  // java.net.URI is allowed: it is a value type (TemplateRequest carries the OCSP and CRL URLs)
  // and opens nothing. Everything else in java.net makes connections.
  @ArchTest
  static final ArchRule doesNoIo =
      noClasses()
          .should()
          .dependOnClassesThat(
              equivalentTo(File.class)
                  .or(
                      resideInAnyPackage(
                          "java.nio.file..",
                          "java.sql..",
                          "io.github.jopenlibs..",
                          "org.jdbi..",
                          "io.dropwizard.."))
                  .or(resideInAnyPackage("java.net..").and(not(equivalentTo(URI.class)))))
          .because("policies holds rules and the code that applies them, and does no I/O");

  @ArchTest
  static final ArchRule packagedByFeature =
      noClasses()
          .should()
          .resideInAnyPackage("..util..", "..common..", "..helpers..", "..misc..")
          .because("packages are named by feature (docs/architecture.md)");
}
