-- The OCPP bridge's own database (never the CA's): what the bridge must deliver to stations,
-- which stations are connected to which bridge instance, the certificates stations accepted,
-- and security events.

-- Every CALL the bridge initiates toward a station (CertificateSigned, InstallCertificate,
-- TriggerMessage, ...). The instance holding the station's connection claims its rows
-- (FOR UPDATE SKIP LOCKED), woken by NOTIFY delivery.
CREATE TABLE delivery (
  id              bigserial PRIMARY KEY,
  station_id      text        NOT NULL,
  -- the payload is written for this OCPP version; ocpp1.6+iso15118pnc = 2.0.1 payload wrapped in
  -- a 1.6 DataTransfer (OCA application note on Plug & Charge with OCPP 1.6)
  route           text        NOT NULL CHECK (route IN ('ocpp1.6', 'ocpp2.0.1', 'ocpp1.6+iso15118pnc')),
  action          text        NOT NULL,
  payload         jsonb       NOT NULL,
  origin          text        NOT NULL,
  dedup_key       text,
  state           text        NOT NULL DEFAULT 'pending'
                  CHECK (state IN ('pending', 'sending', 'answered', 'failed', 'cancelled')),
  attempts        integer     NOT NULL DEFAULT 0,
  max_attempts    integer     NOT NULL CHECK (max_attempts > 0),
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  claimed_by      text,
  lease_until     timestamptz,
  answer          jsonb,
  last_error      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK ((state = 'answered') = (answer IS NOT NULL))
);
CREATE INDEX delivery_open ON delivery (station_id, id) WHERE state IN ('pending', 'sending');
CREATE INDEX delivery_by_station ON delivery (station_id, id DESC);
-- one open delivery of the same thing per station (a station that retries its CSR)
CREATE UNIQUE INDEX delivery_once ON delivery (station_id, dedup_key)
  WHERE dedup_key IS NOT NULL AND state IN ('pending', 'sending');

CREATE TABLE bridge_instance (
  id         text        PRIMARY KEY,
  started_at timestamptz NOT NULL,
  seen_at    timestamptz NOT NULL
);

-- the last connection of each station; disconnected_at is null while it lasts
CREATE TABLE station_connection (
  station_id      text        PRIMARY KEY,
  instance_id     text        NOT NULL,
  connection_id   uuid        NOT NULL,
  ocpp_version    text        NOT NULL,
  connected_at    timestamptz NOT NULL,
  disconnected_at timestamptz
);

-- certificates delivered with CertificateSigned, and the station's answer
CREATE TABLE station_certificate (
  station_id       text        NOT NULL,
  serial           text        NOT NULL,
  certificate_type text        NOT NULL,
  not_after        timestamptz NOT NULL,
  certificate      text        NOT NULL,
  delivery_id      bigint      NOT NULL REFERENCES delivery (id),
  status           text        NOT NULL,
  answered_at      timestamptz NOT NULL,
  PRIMARY KEY (station_id, serial)
);

-- refusals by the bridge (source bridge) and SecurityEventNotification (source station)
CREATE TABLE security_event (
  id         bigserial   PRIMARY KEY,
  at         timestamptz NOT NULL DEFAULT now(),
  station_id text        NOT NULL,
  source     text        NOT NULL CHECK (source IN ('bridge', 'station')),
  type       text        NOT NULL,
  detail     text
);
CREATE INDEX security_event_by_station ON security_event (station_id, id DESC);
