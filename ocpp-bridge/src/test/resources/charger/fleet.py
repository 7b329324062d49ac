"""Many charging stations in one process, for the campaign tests: each a Mobility House `ocpp`
ChargePoint on its own WebSocket, with a behaviour of its own.

usage: fleet.py OUTDIR PASSWORD SPEC...
  SPEC  STATION:VERSION:BEHAVIOUR[:MODEL], VERSION ocpp1.6 | ocpp2.0.1
  BEHAVIOUR
    accept   accepts every CALL: a trigger is followed by a CSR (SignCertificate), the certificate
             by Accepted; InstallCertificate and DeleteCertificate are Accepted. Like a real
             station (OCPP 2.0.1 A02.FR.17), it sends its CSR again when no certificate came within
             10 s, also after reconnecting, at most three times
    reject   answers TriggerMessage / ExtendedTriggerMessage and InstallCertificate with Rejected
    vanish   accepts the trigger, then drops its connection before sending the CSR and stays away
    mute     connects once (BootNotification) and leaves at once: away during the campaign
The bridge's URL (ws://host:port/ocpp) is read from OUTDIR/url before every connection, so a test
can move the stations to a restarted bridge; a dropped station reconnects after 0.5 s. Every CALL
a station receives is appended to OUTDIR/calls.jsonl (a CertificateSigned with "key", the SHA-256
of its leaf's public key). Every CSR a station sends is appended to OUTDIR/csrs.jsonl with "key"
(the SHA-256 of its public key, DER SubjectPublicKeyInfo) and the bridge's "answer" (Accepted,
Rejected, or none when the connection went first). While OUTDIR/quiet exists, stations answer
triggers Rejected and send no more CSRs. Runs until OUTDIR/stop exists, then prints one JSON
object: per station its behaviour, the CALLs it received by action, and its connections.
"""
import asyncio, base64, hashlib, json, os, sys

import websockets
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from ocpp.routing import after, on

outdir, password = sys.argv[1:3]
specs = [s.split(":") for s in sys.argv[3:]]
stats = {}
lock_path = os.path.join(outdir, "calls.jsonl")


def note(station, action, **more):
    s = stats[station]
    s["calls"][action] = s["calls"].get(action, 0) + 1
    with open(lock_path, "a") as f:
        f.write(json.dumps({"station": station, "action": action, **more}) + "\n")


def note_csr(station, key, answer):
    with open(os.path.join(outdir, "csrs.jsonl"), "a") as f:
        f.write(json.dumps({"station": station, "key": key, "answer": answer}) + "\n")


def fingerprint(public_key):
    der = public_key.public_bytes(serialization.Encoding.DER,
                                  serialization.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(der).hexdigest()


def csr_pem(cn):
    """A new key's CSR, and the fingerprint of the key."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Demo CPO")])
    csr = x509.CertificateSigningRequestBuilder().subject_name(name).sign(key, hashes.SHA256())
    return csr.public_bytes(serialization.Encoding.PEM).decode(), fingerprint(key.public_key())


def quiet():
    return os.path.exists(os.path.join(outdir, "quiet"))


def station_class(version):
    if version == "ocpp1.6":
        from ocpp.v16 import ChargePoint, call, call_result
    elif version == "ocpp2.1":
        from ocpp.v21 import ChargePoint, call, call_result
    else:
        from ocpp.v201 import ChargePoint, call, call_result

    class Station(ChargePoint):
        behaviour = "accept"
        gone = None  # set when a vanishing station drops its connection

        def trigger_status(self):
            return "Rejected" if self.behaviour == "reject" or quiet() else "Accepted"

        @on("TriggerMessage")
        def trigger(self, requested_message, **kwargs):
            note(self.id, "TriggerMessage")
            return call_result.TriggerMessage(status=self.trigger_status())

        @on("ExtendedTriggerMessage")
        def extended_trigger(self, requested_message, **kwargs):
            note(self.id, "ExtendedTriggerMessage")
            return call_result.ExtendedTriggerMessage(status=self.trigger_status())

        async def renew(self, requested_message):
            if self.behaviour == "vanish":
                self.gone.set()
                return
            if self.behaviour != "accept" or quiet():
                return
            stats[self.id]["awaiting"] = 3
            await self.send_csr()

        async def send_csr(self):
            """Sends a CSR while a certificate is awaited, again after 10 s without one."""
            s = stats[self.id]
            while s.get("awaiting", 0) > 0 and not quiet():
                s["awaiting"] -= 1
                note(self.id, "SignCertificate")
                csr, key = csr_pem(self.id)
                answer = None
                try:
                    if version == "ocpp1.6":
                        result = await self.call(call.SignCertificate(csr=csr))
                    else:
                        result = await self.call(call.SignCertificate(
                            csr=csr, certificate_type="ChargingStationCertificate"))
                    answer = result.status
                finally:
                    note_csr(self.id, key, answer)
                for _ in range(100):
                    if s.get("awaiting", 0) == 0:
                        return
                    await asyncio.sleep(0.1)

        @after("TriggerMessage")
        async def after_trigger(self, requested_message, **kwargs):
            await self.renew(requested_message)

        @after("ExtendedTriggerMessage")
        async def after_extended_trigger(self, requested_message, **kwargs):
            await self.renew(requested_message)

        @on("CertificateSigned")
        def certificate_signed(self, certificate_chain, **kwargs):
            leaf = x509.load_pem_x509_certificate(certificate_chain.encode())
            note(self.id, "CertificateSigned", key=fingerprint(leaf.public_key()))
            stats[self.id]["awaiting"] = 0
            return call_result.CertificateSigned(status="Accepted")

        @on("InstallCertificate")
        def install(self, certificate_type, certificate, **kwargs):
            note(self.id, "InstallCertificate")
            return call_result.InstallCertificate(
                status="Rejected" if self.behaviour == "reject" else "Accepted")

        @on("DeleteCertificate")
        def delete(self, certificate_hash_data, **kwargs):
            note(self.id, "DeleteCertificate")
            return call_result.DeleteCertificate(status="Accepted")

    async def boot(cp, model):
        if version == "ocpp1.6":
            await cp.call(call.BootNotification(charge_point_model=model,
                                                charge_point_vendor="Sim"))
        else:
            await cp.call(call.BootNotification(
                charging_station={"model": model, "vendor_name": "Sim"}, reason="PowerUp"))

    return Station, boot


def stopped():
    return os.path.exists(os.path.join(outdir, "stop"))


async def run(station, version, behaviour, model):
    Station, boot = station_class(version)
    token = base64.b64encode(f"{station}:{password}".encode()).decode()
    gone = asyncio.Event()
    while not stopped():
        with open(os.path.join(outdir, "url")) as f:
            url = f.read().strip()
        try:
            async with websockets.connect(f"{url}/{station}", subprotocols=[version],
                                          additional_headers={"Authorization": "Basic " + token},
                                          open_timeout=5) as ws:
                stats[station]["connections"] += 1
                cp = Station(station, ws)
                cp.behaviour, cp.gone = behaviour, gone
                task = asyncio.create_task(cp.start())
                await boot(cp, model)
                if stats[station].get("awaiting", 0) > 0:  # a CSR lost with the connection
                    asyncio.create_task(cp.send_csr())
                if behaviour == "mute":
                    task.cancel()
                    return
                while not stopped() and not gone.is_set() and not task.done():
                    await asyncio.sleep(0.1)
                task.cancel()
                if gone.is_set():
                    return  # a vanished station stays away
        except (OSError, asyncio.TimeoutError, websockets.exceptions.WebSocketException):
            pass
        await asyncio.sleep(0.5)


async def main():
    tasks = []
    for spec in specs:
        station, version, behaviour = spec[:3]
        model = spec[3] if len(spec) > 3 else "Sim-1"
        stats[station] = {"behaviour": behaviour, "version": version, "calls": {},
                          "connections": 0}
        tasks.append(asyncio.create_task(run(station, version, behaviour, model)))
    with open(os.path.join(outdir, "ready"), "w") as f:
        f.write("ready")
    while not stopped():
        await asyncio.sleep(0.1)
    await asyncio.gather(*tasks, return_exceptions=True)
    print(json.dumps(stats))


asyncio.run(main())
