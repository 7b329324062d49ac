-- Logs an admin asked a station for (OCPP 2.0.1 N01 GetLog; 1.6 security whitepaper GetLog): the
-- request (its OCPP requestId, type, where the station uploads), the station's answer and the
-- progress it reports with LogStatusNotification, and the file when the station uploads it to the
-- bridge itself (upload_token is the last segment of that upload URL).
CREATE SEQUENCE station_log_request AS integer START 1;

CREATE TABLE station_log (
  request_id      integer     PRIMARY KEY,
  station_id      text        NOT NULL,
  log_type        text        NOT NULL CHECK (log_type IN ('SecurityLog', 'DiagnosticsLog')),
  remote_location text        NOT NULL,
  upload_token    text        UNIQUE,
  delivery_id     bigint      REFERENCES delivery (id),
  status          text        NOT NULL DEFAULT 'Requested',
  filename        text,
  history         jsonb       NOT NULL DEFAULT '[]',
  content         bytea,
  content_type    text,
  uploaded_at     timestamptz,
  requested_by    text        NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX station_log_by_station ON station_log (station_id, request_id DESC);
