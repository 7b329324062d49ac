"""A charging station for the operator's OCPP operations, built on the Mobility House `ocpp`
library (which checks every message against the OCA schemas), behaving as the OCA's CSMS test cases
expect a station to: it stays connected and answers the CSMS's calls until OUTDIR/stop exists.

usage: operator_station.py URL STATION PASSWORD VERSION OUTDIR
  URL       ws://... or wss://... (without the station id)
  PASSWORD  the HTTP Basic password ("-": none, security profile 3)
  VERSION   ocpp1.6 | ocpp2.0.1

Behaviour (environment):
  OPERATOR_PASSWORD_ANSWER  answer to a new password (SetVariables BasicAuthPassword or
                            ChangeConfiguration AuthorizationKey): Accepted (default) or Rejected.
                            Accepted: the station reconnects with the new password at once.
  OPERATOR_HASH_ALGORITHM   the hash algorithm of the certificates it reports (SHA256, SHA384, SHA512)
  OPERATOR_INSTALLED        PEM file of certificates it holds from the start (type V2GRootCertificate)
  CHARGER_CAFILE, CHARGER_CERT, CHARGER_KEY  TLS trust and client certificate, for wss://

It answers SetNetworkProfile and NetworkConfigurationPriority Accepted and, on Reset, reconnects with
the new network profile (wss:// URL from SetNetworkProfile, its security profile: 2 Basic over TLS,
3 client certificate), as OCPP 2.0.1 A05 describes; on 1.6 ChangeConfiguration SecurityProfile it
reconnects over wss:// (OPERATOR_TLS_URL). GetLog is answered Accepted; the station then sends
LogStatusNotification Uploading, uploads a small security log with HTTP POST to the remoteLocation,
and sends Uploaded (UploadFailure if the upload fails).

Every CALL it received goes to OUTDIR/calls.jsonl; every connection it made, with its outcome, to
OUTDIR/connections.jsonl. It prints one JSON object when it stops.
"""
import asyncio, base64, json, os, ssl, sys, urllib.request

import websockets
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from ocpp.routing import after, on

url, station, password, version, outdir = sys.argv[1:6]
if version == "ocpp1.6":
    from ocpp.v16 import ChargePoint, call, call_result
else:
    from ocpp.v201 import ChargePoint, call, call_result

state = {
    "url": url,
    "password": None if password == "-" else password,
    "profile": None,  # a new network profile to move to on Reset
    "reconnect": asyncio.Event(),
    "installed": {},
    "logs": [],
}
ALGORITHM = os.environ.get("OPERATOR_HASH_ALGORITHM", "SHA256")


def record(name, entry):
    with open(os.path.join(outdir, name), "a") as f:
        f.write(json.dumps(entry) + "\n")


def hash_data(pem, algorithm):
    cert = x509.load_pem_x509_certificate(pem.encode())
    h = {"SHA256": hashes.SHA256, "SHA384": hashes.SHA384, "SHA512": hashes.SHA512}[algorithm]

    def digest(data):
        d = hashes.Hash(h())
        d.update(data)
        return d.finalize().hex()

    key = cert.public_key().public_bytes(serialization.Encoding.X962,
                                         serialization.PublicFormat.UncompressedPoint)
    return {"hash_algorithm": algorithm, "issuer_name_hash": digest(cert.issuer.public_bytes()),
            "issuer_key_hash": digest(key), "serial_number": format(cert.serial_number, "x")}


if os.environ.get("OPERATOR_INSTALLED"):
    for pem in x509.load_pem_x509_certificates(open(os.environ["OPERATOR_INSTALLED"], "rb").read()):
        text = pem.public_bytes(serialization.Encoding.PEM).decode()
        state["installed"][format(pem.serial_number, "x")] = ("V2GRootCertificate", text)


class Station(ChargePoint):
    def received(self, action, **payload):
        record("calls.jsonl", {"action": action, "payload": payload})

    def new_password(self, value):
        answer = os.environ.get("OPERATOR_PASSWORD_ANSWER", "Accepted")
        if answer == "Accepted":
            state["password"] = value
            state["reconnect"].set()
        return answer

    @on("SetVariables")
    def set_variables(self, set_variable_data, **kwargs):
        self.received("SetVariables", set_variable_data=set_variable_data)
        results = []
        for d in set_variable_data:
            name = d["variable"]["name"]
            status = "Accepted"
            if name == "BasicAuthPassword":
                status = self.new_password(d["attribute_value"])
            results.append({"attribute_status": status, "component": d["component"],
                            "variable": d["variable"]})
        return call_result.SetVariables(set_variable_result=results)

    @on("ChangeConfiguration")
    def change_configuration(self, key, value, **kwargs):
        self.received("ChangeConfiguration", key=key, value=value)
        if key == "AuthorizationKey":
            return call_result.ChangeConfiguration(status=self.new_password(value))
        if key == "SecurityProfile":
            state["profile"] = {"securityProfile": int(value),
                                "url": os.environ.get("OPERATOR_TLS_URL", url)}
            state["reconnect"].set()
        return call_result.ChangeConfiguration(status="Accepted")

    @on("SetNetworkProfile")
    def set_network_profile(self, configuration_slot, connection_data, **kwargs):
        self.received("SetNetworkProfile", configuration_slot=configuration_slot,
                      connection_data=connection_data)
        state["pending_profile"] = {"securityProfile": connection_data["security_profile"],
                                    "url": connection_data["ocpp_csms_url"].rstrip("/")}
        return call_result.SetNetworkProfile(status="Accepted")

    @on("Reset")
    def reset(self, type, **kwargs):
        self.received("Reset", type=type)
        return call_result.Reset(status="Accepted")

    @after("Reset")
    def after_reset(self, type, **kwargs):
        if state.get("pending_profile"):
            state["profile"] = state.pop("pending_profile")
        state["reconnect"].set()

    @on("GetInstalledCertificateIds")
    def installed_ids(self, certificate_type=None, **kwargs):
        self.received("GetInstalledCertificateIds", certificate_type=certificate_type)
        if not state["installed"]:
            return call_result.GetInstalledCertificateIds(status="NotFound")
        if version == "ocpp1.6":
            return call_result.GetInstalledCertificateIds(
                status="Accepted",
                certificate_hash_data=[hash_data(p, ALGORITHM) for _, p in state["installed"].values()])
        return call_result.GetInstalledCertificateIds(
            status="Accepted",
            certificate_hash_data_chain=[
                {"certificate_type": t, "certificate_hash_data": hash_data(p, ALGORITHM)}
                for t, p in state["installed"].values()
                if not certificate_type or t in certificate_type])

    @on("DeleteCertificate")
    def delete(self, certificate_hash_data, **kwargs):
        self.received("DeleteCertificate", certificate_hash_data=certificate_hash_data)
        for serial, (t, pem) in list(state["installed"].items()):
            if hash_data(pem, certificate_hash_data["hash_algorithm"]) == certificate_hash_data:
                del state["installed"][serial]
                return call_result.DeleteCertificate(status="Accepted")
        return call_result.DeleteCertificate(status="NotFound")

    @on("InstallCertificate")
    def install(self, certificate_type, certificate, **kwargs):
        self.received("InstallCertificate", certificate_type=certificate_type)
        cert = x509.load_pem_x509_certificate(certificate.encode())
        state["installed"][format(cert.serial_number, "x")] = (certificate_type, certificate)
        return call_result.InstallCertificate(status="Accepted")

    @on("GetLog")
    def get_log(self, log, log_type, request_id, **kwargs):
        self.received("GetLog", log=log, log_type=log_type, request_id=request_id)
        state["logs"].append((request_id, log["remote_location"]))
        return call_result.GetLog(status="Accepted", filename=f"{station}-security.log")

    @after("GetLog")
    async def upload(self, log, log_type, request_id, **kwargs):
        await self.call(call.LogStatusNotification(status="Uploading", request_id=request_id))
        body = f"{station} security log, request {request_id}\nStartupOfTheDevice\n".encode()
        try:
            request = urllib.request.Request(log["remote_location"], data=body, method="POST",
                                             headers={"Content-Type": "text/plain"})
            await asyncio.to_thread(urllib.request.urlopen, request, timeout=10)
            status = "Uploaded"
        except Exception as e:  # the station reports it, as a real one would
            record("calls.jsonl", {"uploadError": str(e)})
            status = "UploadFailure"
        await self.call(call.LogStatusNotification(status=status, request_id=request_id))


def headers():
    if state["password"] is None:
        return {}
    token = base64.b64encode(f"{station}:{state['password']}".encode()).decode()
    return {"Authorization": "Basic " + token}


def tls(target):
    if not target.startswith("wss:"):
        return {}
    context = ssl.create_default_context(cafile=os.environ["CHARGER_CAFILE"])
    if os.environ.get("CHARGER_CERT"):
        context.load_cert_chain(os.environ["CHARGER_CERT"], os.environ["CHARGER_KEY"])
    return {"ssl": context}


async def boot(cp):
    if version == "ocpp1.6":
        return await cp.call(call.BootNotification(charge_point_model="Op", charge_point_vendor="V"))
    return await cp.call(call.BootNotification(
        charging_station={"model": "Op", "vendor_name": "V"}, reason="PowerUp"))


def stopped():
    return os.path.exists(os.path.join(outdir, "stop"))


async def connection():
    """One connection: until the station must reconnect (new password or profile) or stops."""
    target = state["url"]
    if state["profile"]:
        target = state["profile"]["url"]
        if state["profile"]["securityProfile"] == 3:
            state["password"] = None
    entry = {"url": target, "basic": state["password"] is not None}
    try:
        async with websockets.connect(f"{target}/{station}", subprotocols=[version],
                                      additional_headers=headers(), **tls(target)) as ws:
            cp = Station(station, ws)
            task = asyncio.create_task(cp.start())
            entry["boot"] = (await boot(cp)).status
            record("connections.jsonl", entry)
            state["reconnect"].clear()
            while not stopped() and not state["reconnect"].is_set() and not task.done():
                await asyncio.sleep(0.1)
            if task.done():  # the bridge closed the connection
                record("connections.jsonl", {"closed": ws.close_code, "reason": ws.close_reason})
            await asyncio.sleep(0.3)  # the answer that asked for the reconnect goes out first
            task.cancel()
            return True
    except websockets.exceptions.InvalidStatus as e:
        entry["httpStatus"] = e.response.status_code
        record("connections.jsonl", entry)
        return False


async def main():
    result = {"connections": 0, "refused": 0}
    while not stopped():
        if await connection():
            result["connections"] += 1
        else:
            result["refused"] += 1
            await asyncio.sleep(1)
    result["installed"] = sorted(state["installed"].keys())
    result["profile"] = state["profile"]
    print(json.dumps(result))


asyncio.run(main())
