"""A vehicle played by Josev (the PyPI iso15118 package), independent of the service's own code:
its EXI codec (EXICodec.jar through py4j), its message models, its signature and key routines.

usage: vehicle.py request OEM_CERT_DER OEM_KEY_PKCS8_DER ROOT_ISSUER ROOT_SERIAL OUT
         writes a signed CertificateInstallationReq (EXI) to OUT
       vehicle.py response EXI_RESPONSE OEM_KEY_PKCS8_DER
         decodes the CertificateInstallationRes, verifies the CPS signature over the four
         referenced elements, decrypts the contract key and compares it with the contract
         certificate's public key; prints one JSON object
"""
import json, sys

from iso15118.shared.settings import shared_settings, SettingKey
shared_settings.update({SettingKey.MESSAGE_LOG_JSON: False, SettingKey.MESSAGE_LOG_EXI: False})

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import load_der_private_key, Encoding, PublicFormat
from iso15118.shared.exi_codec import EXI
from iso15118.shared.exificient_exi_codec import ExificientEXICodec
from iso15118.shared.messages.enums import Namespace
from iso15118.shared.messages.iso15118_2.body import Body, CertificateInstallationReq
from iso15118.shared.messages.iso15118_2.datatypes import RootCertificateIDList
from iso15118.shared.messages.iso15118_2.header import MessageHeader
from iso15118.shared.messages.iso15118_2.msgdef import V2GMessage
from iso15118.shared.messages.xmldsig import X509IssuerSerial
from iso15118.shared.security import create_signature, verify_signature, decrypt_priv_key, to_ec_pub_key

EXI().set_exi_codec(ExificientEXICodec())
NS = Namespace.ISO_V2_MSG_DEF


def request(cert_file, key_file, issuer, serial, out):
    cert = open(cert_file, "rb").read()
    key = load_der_private_key(open(key_file, "rb").read(), None)
    roots = RootCertificateIDList(x509_issuer_serials=[
        X509IssuerSerial(x509_issuer_name=issuer, x509_serial_number=int(serial))])
    req = CertificateInstallationReq(id="ID1", oem_provisioning_cert=cert, list_of_root_cert_ids=roots)
    signature = create_signature([("ID1", EXI().to_exi(req, NS))], key)
    message = V2GMessage(header=MessageHeader(session_id="0A0B0C0D0E0F1011", signature=signature),
                         body=Body(certificate_installation_req=req))
    open(out, "wb").write(EXI().to_exi(message, NS))
    print(json.dumps({"written": out}))


def response(exi_file, key_file):
    oem_key = load_der_private_key(open(key_file, "rb").read(), None)
    message = EXI().from_exi(open(exi_file, "rb").read(), NS)
    res = message.body.certificate_installation_res
    result = {"responseCode": str(res.response_code.value), "emaid": res.emaid.value}
    elements = [(e.id, EXI().to_exi(e, NS)) for e in
                (res.contract_cert_chain, res.encrypted_private_key, res.dh_public_key, res.emaid)]
    result["signatureValid"] = bool(verify_signature(
        message.header.signature, elements, res.cps_cert_chain.certificate))
    scalar = decrypt_priv_key(res.encrypted_private_key.value, oem_key,
                              to_ec_pub_key(res.dh_public_key.value))
    contract_key = ec.derive_private_key(int.from_bytes(scalar, "big"), ec.SECP256R1())
    contract = x509.load_der_x509_certificate(res.contract_cert_chain.certificate)
    point = PublicFormat.UncompressedPoint
    result["keyMatchesCertificate"] = (
        contract_key.public_key().public_bytes(Encoding.X962, point)
        == contract.public_key().public_bytes(Encoding.X962, point))
    result["contractSubject"] = contract.subject.rfc4514_string()
    print(json.dumps(result))


if __name__ == "__main__":
    if sys.argv[1] == "request":
        request(*sys.argv[2:7])
    else:
        response(*sys.argv[2:4])
