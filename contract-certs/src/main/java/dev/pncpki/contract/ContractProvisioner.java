package dev.pncpki.contract;

import dev.pncpki.contract.envelope.ContractKeyPair;
import dev.pncpki.contract.envelope.EncryptedContractKey;
import dev.pncpki.contract.envelope.EnvelopeSuite;
import dev.pncpki.contract.envelope.Iso2ContractKeyEncryptor;
import dev.pncpki.contract.envelope.Secp521ContractKeyEncryptor;
import dev.pncpki.policies.id.Pcid;
import dev.pncpki.policies.profile.KeyIdentifierRule;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * From a vehicle's static key to a contract: a fresh contract key pair made here (the secondary
 * actor generates it, ISO 15118-2 V2G2-818), its private key encrypted to the vehicle, and the
 * contract certificate issued through {@link Issuer}, which the CA implements. The plaintext key is
 * wiped before this method returns, whether the issuance succeeded or not.
 *
 * <p>The vehicle's static key is the OEM provisioning certificate's for an installation [V2G2-820],
 * or the current contract certificate's for an update [V2G2-821].
 */
public final class ContractProvisioner {

  /** Issues the contract certificate for the new public key and records the envelope with it. */
  public interface Issuer<T> {
    T issue(SubjectPublicKeyInfo contractKey, EncryptedContractKey envelope);
  }

  private final Iso2ContractKeyEncryptor iso2 = new Iso2ContractKeyEncryptor();
  private final Secp521ContractKeyEncryptor iso20 = new Secp521ContractKeyEncryptor();

  public <T> T provision(
      EnvelopeSuite suite, SubjectPublicKeyInfo vehicleKey, String pcid, Issuer<T> issuer) {
    try (ContractKeyPair contractKey = ContractKeyPair.generate(suite)) {
      EncryptedContractKey envelope =
          switch (suite) {
            case ISO15118_2 -> iso2.encrypt(contractKey, vehicleKey);
            case ISO15118_20_SECP521 ->
                // the AAD binds the PCID and the contract certificate's SKI [V2G20-2492]
                iso20.encrypt(
                    contractKey,
                    vehicleKey,
                    Pcid.parse(pcid),
                    KeyIdentifierRule.keyIdentifier(contractKey.publicKey()));
          };
      return issuer.issue(contractKey.publicKey(), envelope);
    }
  }
}
