"""Opens an ISO 15118-20 SECP521 contract-key envelope with pyca/cryptography, independently of
the Java code under test, and checks the scalar against the contract certificate's key.

Arguments (hex unless noted): OEM private scalar, DHPublicKey, SECP521_EncryptedPrivateKey,
AAD (ASCII), expected contract SubjectPublicKeyInfo (DER).
Prints the recovered 66-byte scalar and the SubjectPublicKeyInfo derived from it, one per line.
"""
import sys

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.concatkdf import ConcatKDFHash

oem_hex, dh_hex, field_hex, aad, expected_spki_hex = sys.argv[1:6]
curve = ec.SECP521R1()

oem = ec.derive_private_key(int(oem_hex, 16), curve)
dh = ec.EllipticCurvePublicKey.from_encoded_point(curve, bytes.fromhex(dh_hex))
z = oem.exchange(ec.ECDH(), dh)
key = ConcatKDFHash(hashes.SHA512(), 32, bytes.fromhex("015556")).derive(z)

field = bytes.fromhex(field_hex)
assert len(field) == 94, len(field)
plaintext = AESGCM(key).decrypt(field[:12], field[12:], aad.encode("ascii"))
assert len(plaintext) == 66 and plaintext[0] & 0xFE == 0, plaintext.hex()

contract = ec.derive_private_key(int.from_bytes(plaintext, "big"), curve)
spki = contract.public_key().public_bytes(
    serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
)
if spki.hex() != expected_spki_hex:
    sys.exit("scalar*G does not match the contract public key: " + spki.hex())
print(plaintext.hex())
print(spki.hex())
