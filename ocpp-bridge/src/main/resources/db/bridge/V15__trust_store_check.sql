-- Each station's trust store against policy: the last GetInstalledCertificateIds the bridge sent
-- for it, the answer compared last, what differed, and the installs and deletes sent to close the
-- gap (whose ends the bridge awaits before it asks the station again).
CREATE TABLE trust_store_check (
  station_id            text        PRIMARY KEY REFERENCES station (id) ON DELETE CASCADE,
  query_delivery_id     bigint      REFERENCES delivery (id) ON DELETE SET NULL,
  evaluated_delivery_id bigint,
  checked_at            timestamptz,
  in_sync               boolean,
  missing               integer     NOT NULL DEFAULT 0,
  extra                 integer     NOT NULL DEFAULT 0,
  detail                text        NOT NULL DEFAULT '',
  -- the SHA-256 of the whole difference (detail may be cut short), and how many rounds of
  -- changes in a row were sent for it: a gap the changes do not close is not chased
  difference_sha256     text        NOT NULL DEFAULT '',
  rounds                integer     NOT NULL DEFAULT 0,
  change_delivery_ids   bigint[]    NOT NULL DEFAULT '{}',
  updated_at            timestamptz NOT NULL DEFAULT now()
);
