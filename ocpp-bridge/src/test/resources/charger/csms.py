"""A CSMS for the bridge's proxy-mode tests, built on the Mobility House `ocpp` library (which
checks every message it sends and receives against the OCA schemas) and `websockets`.

usage: csms.py PORT OUTDIR PASSWORD [CERT KEY]
  Serves ws://localhost:PORT/ocpp/{station} (wss:// with the PEM CERT chain and KEY) for the
  subprotocols ocpp2.1, ocpp2.0.1 and ocpp1.6. A connection must log in with HTTP Basic as the station
  with PASSWORD, else it is refused with 401.
  Answers BootNotification (Accepted, interval 123), Heartbeat (2031-01-01T00:00:00Z),
  StatusNotification, Authorize (Accepted), SecurityEventNotification and DataTransfer (Accepted,
  data "csms:" + the data it got). After a BootNotification it sends a CALL of its own
  (2.0.1 and 2.1 GetVariables, 1.6 GetConfiguration), then a Reset with the message id "pncpki-csms-1",
  which uses the bridge's reserved prefix, then a change of the station's password (2.0.1
  SetVariables BasicAuthPassword, 1.6 ChangeConfiguration AuthorizationKey) with the message id
  "csms-credential-1", which the bridge must refuse. After a DataTransfer of vendorId com.example.hangup it
  closes the connection with code 4000.
  Every frame in and out, and every connection's start and end, is appended to OUTDIR/frames.jsonl
  as {"station", "conn", "dir": "in" | "out" | "event", "frame"}.
Prints "ready" on stdout once it listens.
"""
import asyncio, base64, http, itertools, json, os, ssl, sys
from datetime import datetime, timezone

from websockets.asyncio.server import serve
from ocpp.routing import after, on
from ocpp.v16 import ChargePoint as ChargePoint16, call as call16, call_result as result16
from ocpp.v201 import ChargePoint as ChargePoint201, call as call201, call_result as result201
from ocpp.v21 import ChargePoint as ChargePoint21, call as call21, call_result as result21

port, outdir, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]
cert, key = (sys.argv[4], sys.argv[5]) if len(sys.argv) > 5 else (None, None)
connections = itertools.count(1)
RESERVED_ID = "pncpki-csms-1"
CREDENTIAL_ID = "csms-credential-1"


def record(station, conn, direction, frame):
    with open(os.path.join(outdir, "frames.jsonl"), "a") as f:
        f.write(json.dumps({"station": station, "conn": conn, "dir": direction, "frame": frame}) + "\n")


class Recorded:
    """The connection as the ocpp library uses it (recv and send), recording every frame."""

    def __init__(self, ws, station, conn):
        self.ws, self.station, self.conn = ws, station, conn

    async def recv(self):
        frame = await self.ws.recv()
        record(self.station, self.conn, "in", frame)
        return frame

    async def send(self, frame):
        record(self.station, self.conn, "out", frame)
        await self.ws.send(frame)


def now():
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def csms2(ChargePoint, call, result):
    """The 2.0.1 and 2.1 CSMS: the same messages, each version's library classes."""

    class Csms2(ChargePoint):
        @on("BootNotification")
        def boot(self, charging_station, reason, **kwargs):
            return result.BootNotification(current_time=now(), interval=123, status="Accepted")

        @after("BootNotification")
        async def ask(self, **kwargs):
            await self.call(call.GetVariables(get_variable_data=[{
                "component": {"name": "OCPPCommCtrlr"}, "variable": {"name": "HeartbeatInterval"}}]))
            await self._connection.send(json.dumps([2, RESERVED_ID, "Reset", {"type": "Immediate"}]))
            await self._connection.send(json.dumps([2, CREDENTIAL_ID, "SetVariables", {
                "setVariableData": [{"component": {"name": "SecurityCtrlr"},
                                     "variable": {"name": "BasicAuthPassword"},
                                     "attributeValue": "csms-chosen-password-1"}]}]))

        @on("Heartbeat")
        def heartbeat(self, **kwargs):
            return result.Heartbeat(current_time="2031-01-01T00:00:00Z")

        @on("StatusNotification")
        def status(self, **kwargs):
            return result.StatusNotification()

        @on("Authorize")
        def authorize(self, id_token, **kwargs):
            return result.Authorize(id_token_info={"status": "Accepted"})

        @on("SecurityEventNotification")
        def security_event(self, **kwargs):
            return result.SecurityEventNotification()

        @on("DataTransfer")
        def data_transfer(self, vendor_id, message_id=None, data=None, **kwargs):
            return result.DataTransfer(status="Accepted", data="csms:" + str(data))

        @after("DataTransfer")
        async def hang_up(self, vendor_id, **kwargs):
            if vendor_id == "com.example.hangup":
                await self._connection.ws.close(code=4000, reason="csms hangs up")

    return Csms2


Csms201 = csms2(ChargePoint201, call201, result201)
Csms21 = csms2(ChargePoint21, call21, result21)


class Csms16(ChargePoint16):
    @on("BootNotification")
    def boot(self, charge_point_vendor, charge_point_model, **kwargs):
        return result16.BootNotification(current_time=now(), interval=123, status="Accepted")

    @after("BootNotification")
    async def ask(self, **kwargs):
        await self.call(call16.GetConfiguration(key=["HeartbeatInterval"]))
        await self._connection.send(json.dumps([2, RESERVED_ID, "Reset", {"type": "Soft"}]))
        await self._connection.send(json.dumps([2, CREDENTIAL_ID, "ChangeConfiguration", {
            "key": "AuthorizationKey", "value": "00112233445566778899aabbccddeeff"}]))

    @on("Heartbeat")
    def heartbeat(self, **kwargs):
        return result16.Heartbeat(current_time="2031-01-01T00:00:00Z")

    @on("StatusNotification")
    def status(self, **kwargs):
        return result16.StatusNotification()

    @on("Authorize")
    def authorize(self, id_tag, **kwargs):
        return result16.Authorize(id_tag_info={"status": "Accepted"})

    @on("SecurityEventNotification")
    def security_event(self, **kwargs):
        return result16.SecurityEventNotification()

    @on("DataTransfer")
    def data_transfer(self, vendor_id, message_id=None, data=None, **kwargs):
        return result16.DataTransfer(status="Accepted", data="csms:" + str(data))

    @after("DataTransfer")
    async def hang_up(self, vendor_id, **kwargs):
        if vendor_id == "com.example.hangup":
            await self._connection.ws.close(code=4000, reason="csms hangs up")


def station_of(path):
    return path.rsplit("/", 1)[-1]


def check_login(connection, request):
    """HTTP Basic: username = the station id of the URL, password = the bridge's."""
    expected = base64.b64encode(f"{station_of(request.path)}:{password}".encode()).decode()
    if request.headers.get("Authorization") != "Basic " + expected:
        record(station_of(request.path), 0, "event", "refused: wrong credentials")
        return connection.respond(http.HTTPStatus.UNAUTHORIZED, "unauthorized\n")
    return None


async def serve_station(ws):
    station, conn = station_of(ws.request.path), next(connections)
    record(station, conn, "event", "connected " + str(ws.subprotocol))
    kind = {"ocpp2.0.1": Csms201, "ocpp2.1": Csms21}.get(ws.subprotocol, Csms16)
    try:
        await kind(station, Recorded(ws, station, conn)).start()
    except Exception:  # the connection ended
        pass
    record(station, conn, "event", f"closed {ws.close_code}")


async def main():
    context = None
    if cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
    async with serve(serve_station, "localhost", port, subprotocols=["ocpp2.1", "ocpp2.0.1", "ocpp1.6"],
                     process_request=check_login, ssl=context):
        print("ready", flush=True)
        await asyncio.get_running_loop().create_future()


asyncio.run(main())
