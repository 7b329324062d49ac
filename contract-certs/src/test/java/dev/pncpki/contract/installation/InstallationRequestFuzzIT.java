package dev.pncpki.contract.installation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pncpki.contract.exi.Allocation;
import dev.pncpki.contract.exi.ExiException;
import dev.pncpki.contract.exi.ExiMutations;
import dev.pncpki.contract.exi.V2gExi;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Thousands of hostile variants of valid ISO 15118-2 CertificateInstallationReq and
 * CertificateUpdateReq and ISO 15118-20 CertificateInstallationReq (every bit offset given a length
 * of 2^31 - 1, and bit flips, truncations, inserted bytes and oversized integers from a seeded
 * generator), read and their signatures checked as the CA does: each is read, or refused as not EXI
 * or not the message, and never costs more heap than a small multiple of its size. Before the
 * decoder was bounded, single bit flips of such a request made it allocate over a gigabyte.
 */
class InstallationRequestFuzzIT {
  private static final long SEED = 15118;
  private static final int MIXED = 1_500;

  static Path shared;
  static V2gExi iso2;
  static V2gExi iso20;
  static KeyPair oem;
  static KeyPair oem20;
  static byte[] oemCertificate;
  static byte[] oem20Certificate;

  @BeforeAll
  static void setUp() throws Exception {
    shared = Path.of(System.getProperty("pnc.iso15118"), "iso15118", "shared");
    String xmldsig = shared.resolve("schemas/xmldsig-core-schema.xsd").toString();
    iso2 = new V2gExi(shared.resolve("schemas/iso15118_2/V2G_CI_MsgDef.xsd").toString(), xmldsig);
    iso20 =
        new V2gExi(
            shared.resolve("schemas/iso15118_20/V2G_CI_CommonMessages.xsd").toString(), xmldsig);
    oem = CertificateMessagesIT.p256();
    oemCertificate = CertificateMessagesIT.selfSigned(oem, "CN=WMIV2G0000000001A,O=Demo OEM");
    var g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp521r1"));
    oem20 = g.generateKeyPair();
    oem20Certificate = CertificateMessagesIT.selfSigned(oem20, "CN=WMIV2G00000000001,O=Demo OEM");
  }

  static List<RootCertificateId> roots() {
    return List.of(
        new RootCertificateId("CN=PnC Demo V2G Root,O=pnc-pki demo,C=DE", BigInteger.valueOf(42)),
        new RootCertificateId(
            "CN=Another V2G Root,O=Elsewhere,C=NL",
            new BigInteger("7fffffffffffffffffffffffffffffffffffffff", 16)));
  }

  @Test
  void iso2InstallationRequests() {
    var messages = new CertificateMessages(iso2);
    byte[] valid =
        messages.installationRequest(
            "0A0B0C0D0E0F1011", oemCertificate, roots(), CertificateMessagesIT.raw(oem));
    fuzz("-2 CertificateInstallationReq", valid, read(messages, oem.getPublic()), true);
  }

  @Test
  void iso2UpdateRequests() throws Exception {
    var messages = new CertificateMessages(iso2);
    KeyPair contract = CertificateMessagesIT.p256();
    byte[] leaf = CertificateMessagesIT.selfSigned(contract, "CN=DEPNCC12345678,O=Demo MO");
    byte[] valid =
        messages.updateRequest(
            "0A0B",
            List.of(leaf, oemCertificate),
            "DEPNCC12345678",
            roots(),
            CertificateMessagesIT.raw(contract));
    fuzz("-2 CertificateUpdateReq", valid, read(messages, contract.getPublic()), false);
  }

  @Test
  void iso20InstallationRequests() {
    var messages = new Iso20CertificateMessages(iso20);
    byte[] valid =
        messages.installationRequest(
            "0a0b0c0d0e0f1011",
            1_763_800_000L,
            List.of(oem20Certificate, oem20Certificate),
            roots(),
            1,
            XmlSignature.RawSigner.of(
                oem20.getPrivate(), XmlSignature.Algorithm.ECDSA_P521_SHA512));
    fuzz(
        "-20 CertificateInstallationReq",
        valid,
        m -> messages.signedBy(messages.read(m), oem20.getPublic()),
        false);
  }

  /** Reads a request as the CA does, answering whether its signature holds. */
  @FunctionalInterface
  interface Reader {
    boolean signed(byte[] exi);
  }

  static Reader read(CertificateMessages messages, PublicKey key) {
    return m -> messages.signedBy(messages.read(m), key);
  }

  /**
   * Reads every variant as the CA does; {@code readAs} answers whether the signature holds. A
   * variant is read or refused with one of the two exceptions the CA answers 400 for, nothing else,
   * within the heap bound.
   */
  static void fuzz(String what, byte[] valid, Reader readAs, boolean flips) {
    assertThat(readAs.signed(valid)).as("the valid %s", what).isTrue();
    long validCost = Allocation.of(() -> assertThat(readAs.signed(valid)).isTrue());
    List<ExiMutations.Mutation> mutations = new ArrayList<>(ExiMutations.inflations(valid));
    mutations.addAll(ExiMutations.mixed(valid, new Random(SEED), MIXED));
    if (flips) {
      mutations.addAll(ExiMutations.bitFlips(valid));
    }
    long bound = 1024 * 1024 + 64L * valid.length;
    int read = 0;
    int signed = 0;
    int refused = 0;
    int lengthRefusals = 0;
    long most = 0;
    long slowest = 0;
    List<String> failures = new ArrayList<>();
    for (var mutation : mutations) {
      long before = Allocation.now();
      long start = System.nanoTime();
      try {
        if (readAs.signed(mutation.bytes())) {
          signed++;
        }
        read++;
      } catch (ExiException | MalformedMessageException e) {
        refused++;
        if (e.getMessage().contains("cannot fit in the")) {
          lengthRefusals++;
        }
      } catch (RuntimeException | Error e) {
        failures.add(mutation + ": " + e + " at " + List.of(e.getStackTrace()).subList(0, 3));
      }
      slowest = Math.max(slowest, System.nanoTime() - start);
      long allocated = Allocation.now() - before;
      most = Math.max(most, allocated);
      if (allocated > bound) {
        failures.add(mutation + ": allocated " + allocated + " bytes");
      }
    }
    System.out.printf(
        "%s (%d bytes, %d bytes of heap to read valid): %d variants, %d read (%d still signed), %d refused (%d for"
            + " a length beyond the input); most heap %d bytes, slowest %.1f ms%n",
        what,
        valid.length,
        validCost,
        mutations.size(),
        read,
        signed,
        refused,
        lengthRefusals,
        most,
        slowest / 1e6);
    assertThat(failures).as(what).isEmpty();
    assertThat(lengthRefusals).as("inflated lengths reach the check").isPositive();
  }
}
