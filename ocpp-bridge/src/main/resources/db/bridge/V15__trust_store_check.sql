-- Each station's trust store against policy: the last GetInstalledCertificateIds the bridge sent
-- for it, the answer compared last, what differed, and the installs and deletes sent to close the
-- gap (whose ends the bridge awaits before it asks the station again).
CREATE TABLE trust_store_check (
  station_id            text        PRIMARY KEY,
  query_delivery_id     bigint      REFERENCES delivery (id) ON DELETE SET NULL,
  evaluated_delivery_id bigint,
  checked_at            timestamptz,
  in_sync               boolean,
  missing               integer     NOT NULL DEFAULT 0,
  extra                 integer     NOT NULL DEFAULT 0,
  detail                text        NOT NULL DEFAULT '',
  change_delivery_ids   bigint[]    NOT NULL DEFAULT '{}',
  updated_at            timestamptz NOT NULL DEFAULT now()
);
