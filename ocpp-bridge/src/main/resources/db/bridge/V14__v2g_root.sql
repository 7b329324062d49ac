-- Which V2G root a station's SECC certificates are issued under (ISO 15118: a vehicle trusts only
-- the V2G roots installed in it, so a station serves the vehicles of its market only with a leaf
-- under their root). Roots are named by the SHA-256 of the root certificate, lower-case hex.

-- An admin's choice for one station; without one, the root of the station's last V2G certificate,
-- then the fleet default of the configuration, then the CA's choice.
CREATE TABLE station_v2g_root (
  station_id  text        PRIMARY KEY REFERENCES station (id) ON DELETE CASCADE,
  root_sha256 text        NOT NULL CHECK (root_sha256 ~ '^[0-9a-f]{64}$'),
  set_by      text        NOT NULL,
  set_at      timestamptz NOT NULL DEFAULT now()
);

-- the root a V2G request asked the CA for, and the root of the chain the CA issued under
ALTER TABLE signing_request
  ADD COLUMN root_sha256 text CHECK (root_sha256 ~ '^[0-9a-f]{64}$'),
  ADD COLUMN issued_root_sha256 text CHECK (issued_root_sha256 ~ '^[0-9a-f]{64}$');
