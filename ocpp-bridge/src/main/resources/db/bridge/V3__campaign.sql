-- Fleet campaigns (issue 7): an admin's rotation of station certificates, or rollout or removal of
-- a trust anchor, over a selection of stations, run in waves with a concurrency limit. Everything
-- the runner knows is here, so a campaign survives restarts and any bridge instance may drive it.

-- What stations said of themselves in BootNotification (selection by model).
CREATE TABLE station_info (
  station_id       text        PRIMARY KEY,
  vendor           text        NOT NULL,
  model            text        NOT NULL,
  firmware_version text,
  updated_at       timestamptz NOT NULL DEFAULT now()
);

-- the issuer and subject O of delivered certificates (selection by issuer and by operator)
ALTER TABLE station_certificate ADD COLUMN issuer text;
ALTER TABLE station_certificate ADD COLUMN organization text;

CREATE TABLE campaign (
  id                   bigserial   PRIMARY KEY,
  kind                 text        NOT NULL CHECK (kind IN ('rotate', 'install-root', 'delete-root')),
  -- rotate: {certificateType}; install-root: {certificateType, certificate};
  -- delete-root: {certificateHashData, via?}
  parameters           jsonb       NOT NULL,
  selection            jsonb       NOT NULL,
  state                text        NOT NULL DEFAULT 'running'
                       CHECK (state IN ('running', 'paused', 'cancelled', 'completed')),
  wave_size            integer     NOT NULL CHECK (wave_size > 0),
  concurrency          integer     NOT NULL CHECK (concurrency > 0),
  max_failure_percent  integer     NOT NULL CHECK (max_failure_percent BETWEEN 0 AND 100),
  step_timeout_seconds integer     NOT NULL CHECK (step_timeout_seconds > 0),
  current_wave         integer     NOT NULL DEFAULT 1,
  waves                integer     NOT NULL,
  paused_reason        text,
  created_by           text        NOT NULL,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  finished_at          timestamptz
);

-- One row per station of a campaign. pending: not asked yet; requested: the CALL is in the outbox
-- (rotate: the trigger); issued: the CA signed the station's CSR (rotate); delivered: the station
-- has the CALL (rotate: CertificateSigned); accepted / rejected: the station's answer; failed:
-- not delivered, refused, or no progress within the step timeout (reason says which).
CREATE TABLE campaign_station (
  campaign_id             bigint      NOT NULL REFERENCES campaign (id),
  station_id              text        NOT NULL,
  position                integer     NOT NULL,
  wave                    integer     NOT NULL,
  state                   text        NOT NULL DEFAULT 'pending'
                          CHECK (state IN ('pending', 'requested', 'issued', 'delivered',
                                           'accepted', 'rejected', 'failed', 'cancelled')),
  delivery_id             bigint      REFERENCES delivery (id),
  certificate_delivery_id bigint      REFERENCES delivery (id),
  requested_at            timestamptz,
  reason                  text,
  updated_at              timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (campaign_id, station_id),
  CHECK ((state = 'pending') = (requested_at IS NULL) OR state = 'cancelled')
);
CREATE INDEX campaign_station_progress ON campaign_station (campaign_id, wave, state, position);
CREATE INDEX campaign_station_by_station ON campaign_station (station_id);

-- The last OCSP answer each station fetched through GetCertificateStatus (2.0.1 M06): its SECC
-- staples these for vehicles, so a nextUpdate in the past means vehicles get stale status.
CREATE TABLE station_ocsp (
  station_id  text        PRIMARY KEY,
  serial      text        NOT NULL,
  status      text        NOT NULL,
  asked_at    timestamptz NOT NULL,
  this_update timestamptz,
  next_update timestamptz
);
