-- Alerts (issue 7), shared by every bridge instance: the active ones (cleared_at null, one per
-- key) for the fleet view whichever instance serves it, and the history of raised and cleared
-- alerts for the operations centre's review.
CREATE TABLE alert (
  id          bigserial   PRIMARY KEY,
  key         text        NOT NULL,
  kind        text        NOT NULL,
  subject     text        NOT NULL,
  severity    text        NOT NULL CHECK (severity IN ('warning', 'critical')),
  detail      text        NOT NULL,
  raised_at   timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  cleared_at  timestamptz,
  raised_by   text        NOT NULL
);
CREATE UNIQUE INDEX alert_active ON alert (key) WHERE cleared_at IS NULL;
CREATE INDEX alert_recent ON alert (raised_at DESC);
