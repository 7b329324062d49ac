-- The stations that may connect, managed at run time through the admin API and shared by every
-- bridge instance; the YAML file only seeds it. A station is known here from its registration on,
-- connected or not.
CREATE TABLE station (
  id                      text        PRIMARY KEY,
  security_profile        smallint    NOT NULL CHECK (security_profile BETWEEN 1 AND 3),
  -- profiles 1 and 2: PBKDF2 hash of the HTTP Basic password (never the password)
  password_hash           text,
  -- profile 3: what the client certificate must be: its CN, or the SHA-256 of the certificate
  certificate_cn          text,
  certificate_sha256      bytea       CHECK (octet_length(certificate_sha256) = 32),
  operator                text,
  model                   text,
  secc_ids                text[]      NOT NULL DEFAULT '{}',
  enabled                 boolean     NOT NULL DEFAULT true,
  -- a password sent to the station (SetVariables / ChangeConfiguration) and not yet confirmed:
  -- it is accepted beside the current one until the station accepted or refused it
  pending_password_hash   text,
  pending_password_since  timestamptz,
  -- a security-profile upgrade under way: the station connects at this profile once, and from
  -- then on only at it (OCPP 2.0.1 A05; 1.6 security whitepaper section 2)
  target_profile          smallint    CHECK (target_profile BETWEEN 2 AND 3),
  registered_by           text        NOT NULL,
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now(),
  CHECK (security_profile = 3 OR password_hash IS NOT NULL),
  CHECK (target_profile IS NULL OR target_profile > security_profile)
);

-- The station ids the configuration file seeded once: a seeded station that an admin deleted is not
-- brought back by the next start.
CREATE TABLE station_seeded (
  id         text        PRIMARY KEY,
  seeded_at  timestamptz NOT NULL DEFAULT now()
);

-- What admins did through the API (register, disable, rotate a password, upgrade, fetch a log ...),
-- who did it and how it ended. Append-only.
CREATE TABLE admin_event (
  id         bigserial   PRIMARY KEY,
  at         timestamptz NOT NULL DEFAULT now(),
  actor      text        NOT NULL,
  action     text        NOT NULL,
  station_id text,
  outcome    text        NOT NULL,
  detail     text
);
CREATE INDEX admin_event_by_station ON admin_event (station_id, id DESC);

CREATE FUNCTION admin_event_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'admin_event is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER admin_event_append_only BEFORE UPDATE OR DELETE ON admin_event
  FOR EACH ROW EXECUTE FUNCTION admin_event_append_only();
