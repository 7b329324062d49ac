package dev.pncpki.contract;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.RandomAccessFile;

/**
 * contract-certs sits between policies and ca-service (docs/architecture.md): pure computation on
 * policies and Bouncy Castle, with no files, network or processes (its tests may use them).
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
          .because("packages are named by feature (docs/architecture.md)")
          .allowEmptyShould(true);

  @ArchTest
  static final ArchRule dependsOnlyOnPoliciesAndBouncyCastle =
      classes()
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "dev.pncpki.contract..",
              "dev.pncpki.policies..",
              "org.bouncycastle..",
              "java..",
              "javax.security.auth..",
              // ISO 15118 messages: EXIficient, and the JDK's XML APIs it works through
              "com.siemens.ct.exi..",
              "org.apache.xerces.xni..",
              "javax.xml..",
              "org.w3c.dom..",
              "org.xml.sax..")
          .because("contract-certs is pure computation over the policies (docs/architecture.md)")
          .allowEmptyShould(true);

  @ArchTest
  static final ArchRule doesNoIo =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("java.net..", "java.nio.file..", "java.nio.channels..")
          .orShould()
          .dependOnClassesThat()
          .belongToAnyOf(
              File.class,
              FileInputStream.class,
              FileOutputStream.class,
              RandomAccessFile.class,
              ProcessBuilder.class,
              Process.class,
              Runtime.class)
          .because("files, network and processes belong to ca-service; tests may use them")
          .allowEmptyShould(true);
}
