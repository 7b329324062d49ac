"""A charging station for the bridge's tests, built on the Mobility House `ocpp` library, which
checks every message it sends and receives against the OCA schemas.

usage: charger.py URL STATION PASSWORD VERSION SCENARIO OUTDIR [CN]
  VERSION   ocpp1.6 | ocpp2.0.1
  SCENARIO  sign     boot, send a CSR (CN given or the station id, O=Demo CPO), expect Accepted,
                     wait for CertificateSigned, save the chain and key, answer Accepted
            v2g      the same with certificateType V2GCertificate (2.0.1)
            refused  send a CSR and expect Rejected, and no CertificateSigned within 3 s
            connect  only connect; print the HTTP status if the bridge refuses
            frames   send broken frames on a raw WebSocket and print the CALLERROR codes
Prints one JSON object on stdout.
"""
import asyncio, base64, json, os, sys

import websockets
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from ocpp.routing import on

url, station, password, version, scenario, outdir = sys.argv[1:7]
cn = sys.argv[7] if len(sys.argv) > 7 else station
curve = ec.SECP384R1() if os.environ.get("CSR_CURVE") == "P-384" else ec.SECP256R1()
if version == "ocpp1.6":
    from ocpp.v16 import ChargePoint, call, call_result
else:
    from ocpp.v201 import ChargePoint, call, call_result

received = asyncio.Event()


def csr_pem():
    key = ec.generate_private_key(curve)
    attributes = [
        x509.NameAttribute(NameOID.COMMON_NAME, cn),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Demo CPO"),
    ]
    if scenario == "v2g":
        attributes.append(x509.NameAttribute(NameOID.COUNTRY_NAME, "DE"))
    name = x509.Name(attributes)
    csr = x509.CertificateSigningRequestBuilder().subject_name(name).sign(key, hashes.SHA256())
    with open(os.path.join(outdir, "key.pem"), "wb") as f:
        f.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption()))
    return csr.public_bytes(serialization.Encoding.PEM).decode()


class Station(ChargePoint):
    @on("CertificateSigned")
    def certificate_signed(self, certificate_chain, **kwargs):
        with open(os.path.join(outdir, "chain.pem"), "w") as f:
            f.write(certificate_chain)
        received.set()
        return call_result.CertificateSigned(status="Accepted")


def headers():
    token = base64.b64encode(f"{station}:{password}".encode()).decode()
    return {"Authorization": "Basic " + token}


async def signing(result):
    async with websockets.connect(f"{url}/{station}", subprotocols=[version],
                                  additional_headers=headers()) as ws:
        cp = Station(station, ws)
        task = asyncio.create_task(cp.start())
        if version == "ocpp1.6":
            boot = await cp.call(call.BootNotification(charge_point_model="M", charge_point_vendor="V"))
            answer = await cp.call(call.SignCertificate(csr=csr_pem()), suppress=False)
        else:
            boot = await cp.call(call.BootNotification(
                charging_station={"model": "M", "vendor_name": "V"}, reason="PowerUp"))
            kind = "V2GCertificate" if scenario == "v2g" else "ChargingStationCertificate"
            answer = await cp.call(call.SignCertificate(csr=csr_pem(), certificate_type=kind),
                                   suppress=False)
        result["boot"] = boot.status
        result["sign"] = answer.status
        try:
            await asyncio.wait_for(received.wait(), 20 if scenario != "refused" else 3)
            result["certificateSigned"] = True
        except asyncio.TimeoutError:
            result["certificateSigned"] = False
        task.cancel()


async def frames(result):
    async with websockets.connect(f"{url}/{station}", subprotocols=[version],
                                  additional_headers=headers()) as ws:
        codes = {}
        tests = {
            "notJson": "this is not json",
            "unknownAction": json.dumps([2, "m1", "NoSuchAction", {}]),
            "missingField": json.dumps([2, "m2", "SignCertificate", {}]),
            "wrongType": json.dumps([2, "m3", "SignCertificate", {"csr": 12}]),
            "extraField": json.dumps([2, "m4", "Heartbeat", {"surprise": True}]),
            "badMessageType": json.dumps([7, "m5", "Heartbeat", {}]),
            "notSupported": json.dumps([2, "m6", "Reset", {"type": "Immediate"}
                                        if version == "ocpp2.0.1" else {"type": "Hard"}]),
        }
        for name, frame in tests.items():
            await ws.send(frame)
            reply = json.loads(await asyncio.wait_for(ws.recv(), 5))
            codes[name] = reply[2] if reply[0] == 4 else "result"
        result["codes"] = codes


async def main():
    result = {}
    try:
        if scenario in ("sign", "v2g", "refused"):
            await signing(result)
        elif scenario == "frames":
            await frames(result)
        else:
            async with websockets.connect(f"{url}/{station}", subprotocols=[version],
                                          additional_headers=headers()) as ws:
                result["subprotocol"] = ws.subprotocol
    except websockets.exceptions.InvalidStatus as e:
        result["httpStatus"] = e.response.status_code
    except websockets.exceptions.NegotiationError as e:
        result["negotiation"] = str(e)
    print(json.dumps(result))


asyncio.run(main())
