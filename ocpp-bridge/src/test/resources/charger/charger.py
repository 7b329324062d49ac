"""A charging station for the bridge's tests, built on the Mobility House `ocpp` library, which
checks every message it sends and receives against the OCA schemas.

usage: charger.py URL STATION PASSWORD VERSION SCENARIO OUTDIR [CN]
  VERSION   ocpp1.6 | ocpp2.0.1
  SCENARIO  sign     boot, send a CSR (CN given or the station id, O=Demo CPO), expect Accepted,
                     wait for CertificateSigned, save the chain and key, answer Accepted
            v2g      the same with certificateType V2GCertificate (2.0.1, 2.1; on 2.1 with
                     requestId CHARGER_REQUEST_ID and hashRootCertificate naming the root in
                     the PEM file CHARGER_HASH_ROOT, when set)
            v2g20    (2.1) the same for V2G20Certificate, with a P-521 key
            refused  send a CSR and expect Rejected, and no CertificateSigned within 3 s
            connect  only connect; print the HTTP status if the bridge refuses
            frames   send broken frames on a raw WebSocket and print the CALLERROR codes, then a
                     binary frame and print the close code it gets
            status   (2.0.1) get a certificate, then ask GetCertificateStatus for it (of the CA's
                     responder, then of a foreign one), send a SecurityEventNotification and a
                     Get15118EVCertificate
            pnc16    (1.6) Plug & Charge over DataTransfer: a V2G CSR (CN given) wrapped as
                     SignCertificate, CertificateSigned received wrapped; an unknown vendorId;
                     a wrapped Get15118EVCertificate
            authorize Authorize the contract whose PEM chain is in the file named by the last
                     argument (1.6: in the Plug & Charge DataTransfer): once with the chain, once
                     with iso15118CertificateHashData of each certificate the chain can tell
                     (AUTH_SERIAL: only the contract's, with this serial; AUTH_RESPONDER: only
                     the contract's, naming this responderURL), once with neither,
                     then with the contract's hash data alone and with each entry alone;
                     AUTH_EMAID names another eMAID as the idToken
            chainstatus (2.1) GetCertificateChainStatus of each certificate of the chain in
                     the file named by the last argument that names an OCSP responder or a
                     CRL (CHAIN_STATUS_URL: that URL instead); prints statuses and nextUpdates
            ev       forward the vehicle's EXI CertificateInstallationReq (base64 in the file
                     named by the last argument) with Get15118EVCertificate (1.6: in DataTransfer)
                     and save the exiResponse to OUTDIR/exi-response.b64
            managed  stay connected and serve the bridge's CALLs (TriggerMessage or
                     ExtendedTriggerMessage -> SignCertificate, for SignV2GCertificate a V2G CSR
                     with the CN given; InstallCertificate,
                     GetInstalledCertificateIds, DeleteCertificate, and their 1.6 Plug & Charge
                     DataTransfer forms) until OUTDIR/stop exists; with CHARGER_INSTALL_ERROR set,
                     InstallCertificate gets a CALLERROR; CHARGER_INSTALLED names a JSON file of
                     the roots it holds from the start ([{"certificateType", "certificate"}])
            proxied  (bridge in proxy mode, csms.py behind it) boot, Heartbeat,
                     StatusNotification, Authorize, SecurityEventNotification, a DataTransfer of
                     another vendor; answer the CSMS's GetVariables / GetConfiguration; then a
                     SignCertificate (CertificateSigned awaited) and a Get15118EVCertificate (1.6:
                     wrapped in DataTransfer). Every frame in and out goes to OUTDIR/frames.jsonl
            hangup   boot, send the DataTransfer after which csms.py hangs up, and print the
                     close code and reason the station gets
            closed   only connect, and print the close code and reason the station gets
            events   (2.0.1) boot, then send CHARGER_EVENTS (200) SecurityEventNotifications of
                     type CHARGER_EVENT_TYPE (TamperDetectionActivated), dated CHARGER_EVENT_AT
                     (a fixed time), as fast as the answers come, and print how many were answered
            standalone  (bridge without a CSMS) send every request of the version in the JSON
                     file named by CHARGER_REQUESTS ({"ocpp1.6": {action: payload}, ...}; the
                     SignCertificate CSR replaced by a real one, transactionId by the one
                     StartTransaction got), print each answer or CALLERROR code, then a Heartbeat
                     and whether the connection is still open
Prints one JSON object on stdout.
"""
import asyncio, base64, json, os, ssl, sys, urllib.parse

import websockets
import cryptography.x509.ocsp  # noqa: F401 (makes x509.ocsp available)
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from websockets.protocol import State
from ocpp.charge_point import camel_to_snake_case, remove_nones, serialize_as_dict, \
    snake_to_camel_case
from ocpp.exceptions import InternalError, OCPPError
from ocpp.routing import after, on

url, station, password, version, scenario, outdir = sys.argv[1:7]
url_base = url
# the station id as one URL path segment: OCPP identities may hold "+", "=", "|", "@", "*"
station_path = urllib.parse.quote(station, safe="")
cn = sys.argv[7] if len(sys.argv) > 7 else station
curve = {"P-384": ec.SECP384R1(), "P-521": ec.SECP521R1()}.get(os.environ.get("CSR_CURVE"),
                                                               ec.SECP256R1())
if version == "ocpp1.6":
    from ocpp.v16 import ChargePoint, call, call_result
elif version == "ocpp2.1":
    from ocpp.v21 import ChargePoint, call, call_result
else:
    from ocpp.v201 import ChargePoint, call, call_result

received = asyncio.Event()
csms_asked = asyncio.Event()


# the ocpp library's keyword for iso15118SchemaVersion: 2.1's classes spell it differently
SCHEMA_VERSION = "iso_15118_schema_version" if version == "ocpp2.1" else "iso15118_schema_version"


def csr_pem(v2g=False, key_curve=None):
    key = ec.generate_private_key(key_curve or curve)
    attributes = [
        x509.NameAttribute(NameOID.COMMON_NAME, cn),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Demo CPO"),
    ]
    if v2g or scenario in ("v2g", "v2g20", "pnc16"):  # an SECC certificate names its country
        attributes.append(x509.NameAttribute(NameOID.COUNTRY_NAME, "DE"))
    name = x509.Name(attributes)
    digest = hashes.SHA512() if isinstance(key.curve, ec.SECP521R1) else hashes.SHA256()
    csr = x509.CertificateSigningRequestBuilder().subject_name(name).sign(key, digest)
    with open(os.path.join(outdir, "key.pem"), "wb") as f:
        f.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption()))
    return csr.public_bytes(serialization.Encoding.PEM).decode()


installed = {}  # serial hex -> (type, hash data)
install_calls = []
delete_calls = []


def hash_data(pem):
    cert = x509.load_pem_x509_certificate(pem.encode())
    name_hash = hashes.Hash(hashes.SHA256())
    name_hash.update(cert.issuer.public_bytes())
    key = cert.public_key().public_bytes(serialization.Encoding.X962,
                                         serialization.PublicFormat.UncompressedPoint)
    key_hash = hashes.Hash(hashes.SHA256())
    key_hash.update(key)  # a root is its own issuer
    return {"hashAlgorithm": "SHA256", "issuerNameHash": name_hash.finalize().hex(),
            "issuerKeyHash": key_hash.finalize().hex(), "serialNumber": format(cert.serial_number, "x")}


if os.environ.get("CHARGER_INSTALLED"):  # roots the station holds before it connects
    for entry in json.load(open(os.environ["CHARGER_INSTALLED"])):
        data = hash_data(entry["certificate"])
        installed[data["serialNumber"]] = (entry["certificateType"], data)


def snake(d):
    return {"hash_algorithm": d["hashAlgorithm"], "issuer_name_hash": d["issuerNameHash"],
            "issuer_key_hash": d["issuerKeyHash"], "serial_number": d["serialNumber"]}


class Station(ChargePoint):
    @on("CertificateSigned")
    def certificate_signed(self, certificate_chain, **kwargs):
        with open(os.path.join(outdir, "chain.pem"), "w") as f:
            f.write(certificate_chain)
        if kwargs.get("request_id") is not None:  # OCPP 2.1: the SignCertificate's requestId
            with open(os.path.join(outdir, "request-id"), "w") as f:
                f.write(str(kwargs["request_id"]))
        received.set()
        return call_result.CertificateSigned(status="Accepted")

    @on("DataTransfer")
    def data_transfer(self, vendor_id, message_id=None, data=None, **kwargs):
        if vendor_id == "org.openchargealliance.iso15118pnc" and message_id == "CertificateSigned":
            with open(os.path.join(outdir, "chain.pem"), "w") as f:
                f.write(json.loads(data)["certificateChain"])
            received.set()
            return call_result.DataTransfer(status="Accepted", data=json.dumps({"status": "Accepted"}))
        if vendor_id == "org.openchargealliance.iso15118pnc":  # 1.6 Plug & Charge root messages
            inner = json.loads(data or "{}")
            if message_id == "InstallCertificate":
                install_calls.append(inner["certificateType"])
                found = hash_data(inner["certificate"])
                installed[found["serialNumber"]] = (inner["certificateType"], found)
                answer = {"status": "Accepted"}
            elif message_id == "GetInstalledCertificateIds":
                answer = {"status": "NotFound"} if not installed else {
                    "status": "Accepted",
                    "certificateHashDataChain": [{"certificateType": t, "certificateHashData": d}
                                                 for t, d in installed.values()]}
            elif message_id == "DeleteCertificate":
                serial = inner["certificateHashData"]["serialNumber"]
                delete_calls.append(serial)
                answer = {"status": "Accepted" if installed.pop(serial, None) else "NotFound"}
            else:
                return call_result.DataTransfer(status="UnknownMessageId")
            return call_result.DataTransfer(status="Accepted", data=json.dumps(answer))
        return call_result.DataTransfer(status="UnknownMessageId")

    @on("TriggerMessage")
    def trigger(self, requested_message, **kwargs):
        return call_result.TriggerMessage(status="Accepted")

    @on("ExtendedTriggerMessage")
    def extended_trigger(self, requested_message, **kwargs):
        return call_result.ExtendedTriggerMessage(status="Accepted")

    async def renew(self, requested_message):
        if version == "ocpp1.6":
            await self.call(call.SignCertificate(csr=csr_pem()), suppress=False)
        else:
            kind = {"SignV2GCertificate": "V2GCertificate",
                    "SignV2G20Certificate": "V2G20Certificate"}.get(
                requested_message, "ChargingStationCertificate")
            await self.call(call.SignCertificate(
                csr=csr_pem(kind != "ChargingStationCertificate",
                            ec.SECP521R1() if kind == "V2G20Certificate" else None),
                certificate_type=kind), suppress=False)

    @after("TriggerMessage")
    async def after_trigger(self, requested_message, **kwargs):
        await self.renew(requested_message)

    @after("ExtendedTriggerMessage")
    async def after_extended_trigger(self, requested_message, **kwargs):
        await self.renew(requested_message)

    @on("InstallCertificate")
    def install(self, certificate_type, certificate, **kwargs):
        install_calls.append(certificate_type)
        if os.environ.get("CHARGER_INSTALL_ERROR"):  # a station whose certificate store fails
            raise InternalError(description="certificate store unavailable")
        data = hash_data(certificate)
        installed[data["serialNumber"]] = (certificate_type, data)
        return call_result.InstallCertificate(status="Accepted")

    @on("GetInstalledCertificateIds")
    def installed_ids(self, certificate_type=None, **kwargs):
        if not installed:
            return call_result.GetInstalledCertificateIds(status="NotFound")
        if version == "ocpp1.6":
            return call_result.GetInstalledCertificateIds(
                status="Accepted", certificate_hash_data=[snake(d) for _, d in installed.values()])
        return call_result.GetInstalledCertificateIds(
            status="Accepted",
            certificate_hash_data_chain=[{"certificate_type": t, "certificate_hash_data": snake(d)}
                                         for t, d in installed.values()])

    @on("GetVariables")
    def get_variables(self, get_variable_data, **kwargs):
        csms_asked.set()
        return call_result.GetVariables(get_variable_result=[
            {"attribute_status": "Accepted", "component": d["component"], "variable": d["variable"],
             "attribute_value": "123"} for d in get_variable_data])

    @on("GetConfiguration")
    def get_configuration(self, key=None, **kwargs):
        csms_asked.set()
        return call_result.GetConfiguration(
            configuration_key=[{"key": k, "readonly": False, "value": "123"} for k in key or []])

    @on("DeleteCertificate")
    def delete(self, certificate_hash_data, **kwargs):
        serial = certificate_hash_data["serial_number"]
        delete_calls.append(serial)
        if serial in installed:
            del installed[serial]
            return call_result.DeleteCertificate(status="Accepted")
        return call_result.DeleteCertificate(status="NotFound")


def headers():
    if password == "-":  # security profile 3: the client certificate is the credential
        return {}
    token = base64.b64encode(f"{station}:{password}".encode()).decode()
    return {"Authorization": "Basic " + token}


def tls():
    """For wss:// URLs: trust CHARGER_CAFILE, present CHARGER_CERT/CHARGER_KEY if set."""
    if not url.startswith("wss:"):
        return {}
    context = ssl.create_default_context(cafile=os.environ["CHARGER_CAFILE"])
    if os.environ.get("CHARGER_CERT"):
        context.load_cert_chain(os.environ["CHARGER_CERT"], os.environ["CHARGER_KEY"])
    return {"ssl": context}


async def signing(result):
    async with websockets.connect(f"{url}/{station_path}", subprotocols=[version],
                                  additional_headers=headers(), **tls()) as ws:
        cp = Station(station, ws)
        task = asyncio.create_task(cp.start())
        if version == "ocpp1.6":
            boot = await cp.call(call.BootNotification(charge_point_model="M", charge_point_vendor="V"))
            answer = await cp.call(call.SignCertificate(csr=csr_pem()), suppress=False)
        else:
            boot = await cp.call(call.BootNotification(
                charging_station={"model": "M", "vendor_name": "V"}, reason="PowerUp"))
            kind = {"v2g": "V2GCertificate", "v2g20": "V2G20Certificate"}.get(
                scenario, "ChargingStationCertificate")
            extra = {}
            if os.environ.get("CHARGER_REQUEST_ID"):  # OCPP 2.1
                extra["request_id"] = int(os.environ["CHARGER_REQUEST_ID"])
            if os.environ.get("CHARGER_HASH_ROOT"):  # OCPP 2.1: the V2G root to be issued under
                with open(os.environ["CHARGER_HASH_ROOT"]) as f:
                    extra["hash_root_certificate"] = snake(hash_data(f.read()))
            csr = csr_pem(key_curve=ec.SECP521R1() if scenario == "v2g20" else None)
            answer = await cp.call(call.SignCertificate(csr=csr, certificate_type=kind, **extra),
                                   suppress=False)
            if answer.status_info:
                result["reasonCode"] = answer.status_info["reason_code"]
        result["boot"] = boot.status
        result["sign"] = answer.status
        try:
            await asyncio.wait_for(received.wait(),
                                   20 if scenario != "refused" and answer.status == "Accepted" else 3)
            result["certificateSigned"] = True
        except asyncio.TimeoutError:
            result["certificateSigned"] = False
        if os.path.exists(os.path.join(outdir, "request-id")):
            with open(os.path.join(outdir, "request-id")) as f:
                result["signedRequestId"] = int(f.read())
        task.cancel()


async def status(result):
    await signing(result)
    chain = open(os.path.join(outdir, "chain.pem")).read()
    certs = x509.load_pem_x509_certificates(chain.encode())
    leaf, issuer = certs[0], certs[1]
    req = x509.ocsp.OCSPRequestBuilder().add_certificate(leaf, issuer, hashes.SHA256()).build()
    aia = leaf.extensions.get_extension_for_class(x509.AuthorityInformationAccess).value
    url = [d.access_location.value for d in aia
           if d.access_method == x509.oid.AuthorityInformationAccessOID.OCSP][0]
    async with websockets.connect(f"{url_base}/{station_path}", subprotocols=[version],
                                  additional_headers=headers(), **tls()) as ws:
        cp = Station(station, ws)
        task = asyncio.create_task(cp.start())
        answer = await cp.call(call.GetCertificateStatus(ocsp_request_data={
            "hash_algorithm": "SHA256", "issuer_name_hash": req.issuer_name_hash.hex(),
            "issuer_key_hash": req.issuer_key_hash.hex(), "serial_number": format(leaf.serial_number, "x"),
            "responder_url": url}), suppress=False)
        result["statusAnswer"] = answer.status
        if answer.ocsp_result:
            ocsp = x509.ocsp.load_der_ocsp_response(base64.b64decode(answer.ocsp_result))
            result["ocspStatus"] = ocsp.certificate_status.name
            result["ocspSerial"] = format(ocsp.serial_number, "x")
        foreign = await cp.call(call.GetCertificateStatus(ocsp_request_data={
            "hash_algorithm": "SHA256", "issuer_name_hash": req.issuer_name_hash.hex(),
            "issuer_key_hash": req.issuer_key_hash.hex(), "serial_number": format(leaf.serial_number, "x"),
            "responder_url": "http://ocsp.elsewhere.example/ocsp/sub-ca-2"}), suppress=False)
        result["foreignStatusAnswer"] = foreign.status
        event = await cp.call(call.SecurityEventNotification(
            type="FirmwareUpdated", timestamp="2026-11-22T12:00:00Z"), suppress=False)
        result["securityEvent"] = "answered" if event is not None else "none"
        ev = await cp.call(call.Get15118EVCertificate(
            **{SCHEMA_VERSION: "urn:iso:15118:2:2013:MsgDef"}, action="Install",
            exi_request="AAAA"), suppress=False)
        result["ev15118"] = ev.status
        task.cancel()


async def pnc16(result):
    pnc = "org.openchargealliance.iso15118pnc"
    async with websockets.connect(f"{url_base}/{station_path}", subprotocols=["ocpp1.6"],
                                  additional_headers=headers(), **tls()) as ws:
        cp = Station(station, ws)
        task = asyncio.create_task(cp.start())
        await cp.call(call.BootNotification(charge_point_model="M", charge_point_vendor="V"))
        answer = await cp.call(call.DataTransfer(
            vendor_id=pnc, message_id="SignCertificate",
            data=json.dumps({"csr": csr_pem(), "certificateType": "V2GCertificate"})), suppress=False)
        result["sign"] = answer.status
        result["signData"] = json.loads(answer.data)["status"]
        try:
            await asyncio.wait_for(received.wait(), 20)
            result["certificateSigned"] = True
        except asyncio.TimeoutError:
            result["certificateSigned"] = False
        other = await cp.call(call.DataTransfer(vendor_id="com.example", message_id="X"))
        result["otherVendor"] = other.status
        ev = await cp.call(call.DataTransfer(
            vendor_id=pnc, message_id="Get15118EVCertificate",
            data=json.dumps({"iso15118SchemaVersion": "urn:iso:15118:2:2013:MsgDef",
                             "action": "Install", "exiRequest": "AAAA"})))
        result["ev15118"] = json.loads(ev.data)["status"]
        task.cancel()


async def ev_certificate(result):
    """Forwards a vehicle's EXI CertificateInstallationReq (base64, in the file named by the last
    argument) as the charger would: Get15118EVCertificate (2.0.1), or wrapped in the Plug & Charge
    DataTransfer (1.6). Saves the exiResponse to OUTDIR/exi-response.b64."""
    request = open(cn).read().strip()
    schema = os.environ.get("EV_SCHEMA", "urn:iso:15118:2:2013:MsgDef")
    payload = {SCHEMA_VERSION: schema, "action": "Install", "exi_request": request}
    async with websockets.connect(f"{url_base}/{station_path}", subprotocols=[version],
                                  additional_headers=headers(), **tls()) as ws:
        cp = Station(station, ws)
        task = asyncio.create_task(cp.start())
        if version == "ocpp1.6":
            wrapped = {"iso15118SchemaVersion": schema,
                       "action": "Install", "exiRequest": request}
            answer = await cp.call(call.DataTransfer(
                vendor_id="org.openchargealliance.iso15118pnc", message_id="Get15118EVCertificate",
                data=json.dumps(wrapped)), suppress=False)
            inner = json.loads(answer.data)
            status, response = inner["status"], inner.get("exiResponse", "")
        else:
            answer = await cp.call(call.Get15118EVCertificate(**payload), suppress=False)
            status, response = answer.status, answer.exi_response
        with open(os.path.join(outdir, "exi-response.b64"), "w") as f:
            f.write(response)
        result["status"] = status
        result["length"] = len(response)
        if version != "ocpp1.6" and answer.status_info:
            result["reason"] = answer.status_info.get("reason_code")
        task.cancel()


def ocsp_entries(certs):
    """OCPP OCSPRequestDataType of each certificate of a chain whose issuer is in it and that names
    an OCSP responder, as a station that validated the chain itself would send them (C07)."""
    entries = []
    for cert, issuer in zip(certs, certs[1:]):
        try:
            aia = cert.extensions.get_extension_for_class(x509.AuthorityInformationAccess).value
        except x509.ExtensionNotFound:
            continue
        urls = [d.access_location.value for d in aia
                if d.access_method == x509.oid.AuthorityInformationAccessOID.OCSP]
        if not urls:
            continue
        req = x509.ocsp.OCSPRequestBuilder().add_certificate(cert, issuer, hashes.SHA256()).build()
        entries.append({"hashAlgorithm": "SHA256", "issuerNameHash": req.issuer_name_hash.hex(),
                        "issuerKeyHash": req.issuer_key_hash.hex(),
                        "serialNumber": format(cert.serial_number, "x"), "responderURL": urls[0]})
    return entries


async def authorize(result):
    pem = open(cn).read()
    certs = x509.load_pem_x509_certificates(pem.encode())
    emaid = os.environ.get("AUTH_EMAID") or \
        certs[0].subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value
    entries = ocsp_entries(certs)
    if os.environ.get("AUTH_SERIAL"):  # a contract the CA never issued, under its real issuer
        entries = [dict(entries[0], serialNumber=os.environ["AUTH_SERIAL"])]
    if os.environ.get("AUTH_RESPONDER"):  # the contract's hash data naming another responder
        req = x509.ocsp.OCSPRequestBuilder().add_certificate(certs[0], certs[1],
                                                             hashes.SHA256()).build()
        entries = [{"hashAlgorithm": "SHA256", "issuerNameHash": req.issuer_name_hash.hex(),
                    "issuerKeyHash": req.issuer_key_hash.hex(),
                    "serialNumber": format(certs[0].serial_number, "x"),
                    "responderURL": os.environ["AUTH_RESPONDER"]}]
    result["hashEntries"] = len(entries)
    token = {"idToken": emaid, "type": "eMAID"}
    async with websockets.connect(f"{url_base}/{station_path}", subprotocols=[version],
                                  additional_headers=headers(), **tls()) as ws:
        cp = Station(station, ws)
        task = asyncio.create_task(cp.start())

        async def ask(payload):
            """certificateStatus and idTokenInfo.status; 1.6 through the Plug & Charge DataTransfer."""
            if version == "ocpp1.6":
                answer = await cp.call(call.DataTransfer(
                    vendor_id="org.openchargealliance.iso15118pnc", message_id="Authorize",
                    data=json.dumps(payload)), suppress=False)
                inner = json.loads(answer.data)
                return [inner.get("certificateStatus"), inner["idTokenInfo"]["status"]]
            hash_data_field = "iso_15118_certificate_hash_data" if version == "ocpp2.1" \
                else "iso15118_certificate_hash_data"  # the library's name differs by version
            answer = await cp.call(call.Authorize(
                id_token={"id_token": emaid, "type": "eMAID"}, certificate=payload.get("certificate"),
                **{hash_data_field: [
                    dict(snake(e), responder_url=e["responderURL"])
                    for e in payload.get("iso15118CertificateHashData", [])] or None}),
                suppress=False)
            return [answer.certificate_status, answer.id_token_info["status"]]

        if version == "ocpp1.6":
            await cp.call(call.BootNotification(charge_point_model="M", charge_point_vendor="V"))
        result["byChain"] = await ask({"idToken": token, "certificate": pem})
        result["byHash"] = await ask({"idToken": token, "iso15118CertificateHashData": entries})
        result["plain"] = (await ask({"idToken": token}))[1]
        result["byLeaf"] = await ask({"idToken": token, "iso15118CertificateHashData": entries[:1]})
        result["byEntry"] = [(await ask({"idToken": token, "iso15118CertificateHashData": [e]}))[0]
                             for e in entries]
        task.cancel()


def pointers(cert):
    """The certificate's OCSP responders, else its CRL distribution points: (source, urls)."""
    try:
        aia = cert.extensions.get_extension_for_class(x509.AuthorityInformationAccess).value
        urls = [d.access_location.value for d in aia
                if d.access_method == x509.oid.AuthorityInformationAccessOID.OCSP]
        if urls:
            return "OCSP", urls
    except x509.ExtensionNotFound:
        pass
    try:
        points = cert.extensions.get_extension_for_class(x509.CRLDistributionPoints).value
        return "CRL", [n.value for p in points for n in (p.full_name or [])]
    except x509.ExtensionNotFound:
        return None, []


async def chain_status(result):
    """OCPP 2.1 GetCertificateChainStatus for each certificate of the chain (with its issuer, the
    next one) that names an OCSP responder or a CRL; CHAIN_STATUS_URL replaces every URL."""
    certs = x509.load_pem_x509_certificates(open(cn).read().encode())
    requests = []
    for cert, issuer in zip(certs, certs[1:]):
        source, urls = pointers(cert)
        if os.environ.get("CHAIN_STATUS_URL"):
            urls = [os.environ["CHAIN_STATUS_URL"]]
        if not urls:
            continue
        req = x509.ocsp.OCSPRequestBuilder().add_certificate(cert, issuer, hashes.SHA256()).build()
        requests.append({"certificate_hash_data": {
            "hash_algorithm": "SHA256", "issuer_name_hash": req.issuer_name_hash.hex(),
            "issuer_key_hash": req.issuer_key_hash.hex(),
            "serial_number": format(cert.serial_number, "x")},
            "source": source or "OCSP", "urls": urls[:5]})
    async with websockets.connect(f"{url_base}/{station_path}", subprotocols=[version],
                                  additional_headers=headers(), **tls()) as ws:
        cp = Station(station, ws)
        task = asyncio.create_task(cp.start())
        answer = await cp.call(call.GetCertificateChainStatus(
            certificate_status_requests=requests[:4]), suppress=False)
        result["sources"] = [r["source"] for r in requests[:4]]
        result["statuses"] = [s["status"] for s in answer.certificate_status]
        result["nextUpdates"] = [s["next_update"] for s in answer.certificate_status]
        task.cancel()


async def managed(result):
    async with websockets.connect(f"{url_base}/{station_path}", subprotocols=[version],
                                  additional_headers=headers(), **tls()) as ws:
        cp = Station(station, ws)
        task = asyncio.create_task(cp.start())
        if version == "ocpp1.6":
            await cp.call(call.BootNotification(charge_point_model="M", charge_point_vendor="V"))
        else:
            await cp.call(call.BootNotification(
                charging_station={"model": "M", "vendor_name": "V"}, reason="PowerUp"))
        for _ in range(600):
            if os.path.exists(os.path.join(outdir, "stop")):
                break
            await asyncio.sleep(0.1)
        result["certificateSigned"] = received.is_set()
        result["installed"] = sorted(installed.keys())
        result["installedTypes"] = {k: t for k, (t, _) in installed.items()}
        result["installCalls"] = len(install_calls)
        result["deleteCalls"] = len(delete_calls)
        task.cancel()


class Recorded:
    """The connection as the ocpp library uses it (recv and send), recording every frame."""

    def __init__(self, ws):
        self.ws = ws

    def record(self, direction, frame):
        with open(os.path.join(outdir, "frames.jsonl"), "a") as f:
            f.write(json.dumps({"dir": direction, "frame": frame}) + "\n")

    async def recv(self):
        frame = await self.ws.recv()
        self.record("in", frame)
        return frame

    async def send(self, frame):
        self.record("out", frame)
        await self.ws.send(frame)


async def boot(cp):
    if version == "ocpp1.6":
        return await cp.call(call.BootNotification(charge_point_model="M", charge_point_vendor="V"),
                             suppress=False)
    return await cp.call(call.BootNotification(
        charging_station={"model": "M", "vendor_name": "V"}, reason="PowerUp"), suppress=False)


async def proxied(result):
    pnc = "org.openchargealliance.iso15118pnc"
    schema = "urn:iso:15118:2:2013:MsgDef"
    async with websockets.connect(f"{url}/{station_path}", subprotocols=[version],
                                  additional_headers=headers(), **tls()) as ws:
        cp = Station(station, Recorded(ws))
        task = asyncio.create_task(cp.start())
        answer = await boot(cp)
        result["boot"], result["interval"] = answer.status, answer.interval
        result["heartbeat"] = (await cp.call(call.Heartbeat(), suppress=False)).current_time
        timestamp = "2026-11-22T12:00:00Z"
        if version == "ocpp1.6":
            await cp.call(call.StatusNotification(connector_id=1, error_code="NoError",
                                                  status="Available"), suppress=False)
            auth = await cp.call(call.Authorize(id_tag="RFID-0001"), suppress=False)
            result["authorize"] = auth.id_tag_info["status"]
        else:
            await cp.call(call.StatusNotification(timestamp=timestamp, connector_status="Available",
                                                  evse_id=1, connector_id=1), suppress=False)
            auth = await cp.call(call.Authorize(id_token={"id_token": "RFID-0001", "type": "ISO14443"}),
                                 suppress=False)
            result["authorize"] = auth.id_token_info["status"]
        await cp.call(call.SecurityEventNotification(type="SettingSystemTime", timestamp=timestamp,
                                                     tech_info="proxy test"), suppress=False)
        other = await cp.call(call.DataTransfer(vendor_id="com.example.csms", message_id="Hello",
                                                data="station"), suppress=False)
        result["otherVendor"] = [other.status, other.data]
        try:
            await asyncio.wait_for(csms_asked.wait(), 10)
            result["csmsCall"] = True
        except asyncio.TimeoutError:
            result["csmsCall"] = False
        if version == "ocpp1.6":
            sign = await cp.call(call.SignCertificate(csr=csr_pem()), suppress=False)
            ev = await cp.call(call.DataTransfer(
                vendor_id=pnc, message_id="Get15118EVCertificate",
                data=json.dumps({"iso15118SchemaVersion": schema, "action": "Install",
                                 "exiRequest": "AAAA"})), suppress=False)
            result["ev15118"] = json.loads(ev.data)["status"]
        else:
            sign = await cp.call(call.SignCertificate(
                csr=csr_pem(), certificate_type="ChargingStationCertificate"), suppress=False)
            ev = await cp.call(call.Get15118EVCertificate(
                **{SCHEMA_VERSION: schema}, action="Install", exi_request="AAAA"), suppress=False)
            result["ev15118"] = ev.status
        result["sign"] = sign.status
        try:
            await asyncio.wait_for(received.wait(), 20)
            result["certificateSigned"] = True
        except asyncio.TimeoutError:
            result["certificateSigned"] = False
        task.cancel()


async def closing(result):
    async with websockets.connect(f"{url}/{station_path}", subprotocols=[version],
                                  additional_headers=headers(), **tls()) as ws:
        tasks = []
        if scenario == "hangup":
            cp = Station(station, ws)
            tasks.append(asyncio.create_task(cp.start()))
            await boot(cp)
            # The CSMS hangs up right after answering; its answer may be lost in the close (and a
            # CALL of the CSMS may arrive as it closes), so wait for the close, not the answer.
            tasks.append(asyncio.create_task(
                cp.call(call.DataTransfer(vendor_id="com.example.hangup", message_id="Bye"),
                        suppress=False)))
        try:
            await asyncio.wait_for(ws.wait_closed(), 20)
            result["closeCode"], result["closeReason"] = ws.close_code, ws.close_reason
        except asyncio.TimeoutError:
            result["closeCode"] = None
        for task in tasks:
            task.cancel()


async def standalone(result):
    with open(os.environ["CHARGER_REQUESTS"]) as f:
        requests = json.load(f)[version]
    async with websockets.connect(f"{url}/{station_path}", subprotocols=[version],
                                  additional_headers=headers(), **tls()) as ws:
        cp = Station(station, ws)
        task = asyncio.create_task(cp.start())
        answers, transaction_id = {}, None
        for action, payload in requests.items():
            if action == "SignCertificate":
                payload = dict(payload, csr=csr_pem())
            if transaction_id is not None and "transactionId" in payload:
                payload = dict(payload, transactionId=transaction_id)
            request = getattr(call, action)(**camel_to_snake_case(payload))
            try:
                answer = await cp.call(request, suppress=False)
                answers[action] = snake_to_camel_case(remove_nones(serialize_as_dict(answer)))
            except OCPPError as e:
                answers[action] = {"callError": e.code}
            except Exception as e:  # a CALLERROR code the library does not know, a timeout
                answers[action] = {"callError": f"{type(e).__name__}: {e}"}
            if action == "StartTransaction" and "transactionId" in answers[action]:
                transaction_id = answers[action]["transactionId"]
        result["answers"] = answers
        try:
            await asyncio.wait_for(received.wait(), 20)
            result["certificateSigned"] = True
        except asyncio.TimeoutError:
            result["certificateSigned"] = False
        result["heartbeat"] = (await cp.call(call.Heartbeat(), suppress=False)).current_time
        result["open"] = ws.state is State.OPEN
        task.cancel()


async def frames(result):
    async with websockets.connect(f"{url}/{station_path}", subprotocols=[version],
                                  additional_headers=headers(), **tls()) as ws:
        codes = {}
        tests = {
            "notJson": "this is not json",
            "unknownAction": json.dumps([2, "m1", "NoSuchAction", {}]),
            "missingField": json.dumps([2, "m2", "SignCertificate", {}]),
            "wrongType": json.dumps([2, "m3", "SignCertificate", {"csr": 12}]),
            "extraField": json.dumps([2, "m4", "Heartbeat", {"surprise": True}]),
            # a number for an enumeration's string breaks its type and its enumeration
            "wrongTypeInEnum": json.dumps(
                [2, "m7", "BootNotification",
                 {"reason": 5, "chargingStation": {"model": "M", "vendorName": "V"}}]
                if version == "ocpp2.0.1" else
                [2, "m7", "StatusNotification",
                 {"connectorId": 1, "errorCode": 5, "status": "Available"}]),
            "badMessageType": json.dumps([7, "m5", "Heartbeat", {}]),
            "notSupported": json.dumps([2, "m6", "Reset", {"type": "Immediate"}
                                        if version == "ocpp2.0.1" else {"type": "Hard"}]),
        }
        for name, frame in tests.items():
            await ws.send(frame)
            reply = json.loads(await asyncio.wait_for(ws.recv(), 5))
            codes[name] = reply[2] if reply[0] == 4 else "result"
        result["codes"] = codes
        # OCPP-J is text: a binary frame closes the connection
        await ws.send(json.dumps([2, "m8", "Heartbeat", {}]).encode())
        try:
            await asyncio.wait_for(ws.wait_closed(), 5)
            result["binaryClose"] = ws.close_code
        except asyncio.TimeoutError:
            result["binaryClose"] = None


async def events(result):
    async with websockets.connect(f"{url}/{station_path}", subprotocols=[version],
                                  additional_headers=headers(), **tls()) as ws:
        cp = Station(station, ws)
        task = asyncio.create_task(cp.start())
        await boot(cp)
        answered = 0
        for i in range(int(os.environ.get("CHARGER_EVENTS", "200"))):
            await cp.call(call.SecurityEventNotification(
                type=os.environ.get("CHARGER_EVENT_TYPE", "TamperDetectionActivated"),
                timestamp=os.environ.get("CHARGER_EVENT_AT")
                or f"2026-11-22T12:{i // 60:02d}:{i % 60:02d}Z",
                tech_info=f"event {i + 1}"), suppress=False)
            answered += 1
        result["securityEvents"] = answered
        task.cancel()


async def main():
    result = {}
    try:
        if scenario in ("sign", "v2g", "v2g20", "refused"):
            await signing(result)
        elif scenario == "frames":
            await frames(result)
        elif scenario == "status":
            await status(result)
        elif scenario == "chainstatus":
            await chain_status(result)
        elif scenario == "authorize":
            await authorize(result)
        elif scenario == "ev":
            await ev_certificate(result)
        elif scenario == "pnc16":
            await pnc16(result)
        elif scenario == "managed":
            await managed(result)
        elif scenario == "proxied":
            await proxied(result)
        elif scenario in ("hangup", "closed"):
            await closing(result)
        elif scenario == "standalone":
            await standalone(result)
        elif scenario == "events":
            await events(result)
        else:
            async with websockets.connect(f"{url}/{station_path}", subprotocols=[version],
                                          additional_headers=headers(), **tls()) as ws:
                result["subprotocol"] = ws.subprotocol
                # websockets offers permessage-deflate (RFC 7692) unless told not to
                result["extensions"] = ws.response.headers.get("Sec-WebSocket-Extensions", "")
    except websockets.exceptions.InvalidStatus as e:
        result["httpStatus"] = e.response.status_code
    except websockets.exceptions.NegotiationError as e:
        result["negotiation"] = str(e)
    except (ssl.SSLError, ConnectionResetError, EOFError) as e:
        result["tlsError"] = type(e).__name__
    print(json.dumps(result))


asyncio.run(main())
