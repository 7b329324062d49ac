-- Automatic renewal of station certificates (issue 7): one row per certificate being replaced.
-- triggered: the station was asked to renew (again after next_attempt_at while it has not);
-- renewed: a newer certificate of the same type was accepted; revoked: the old one was revoked at
-- the CA after the grace period; failed: attempts used up, or the CA refused the revocation.
CREATE TABLE renewal (
  station_id       text        NOT NULL,
  certificate_type text        NOT NULL,
  serial           text        NOT NULL,
  state            text        NOT NULL CHECK (state IN ('triggered', 'renewed', 'revoked', 'failed')),
  attempts         integer     NOT NULL,
  next_attempt_at  timestamptz NOT NULL,
  replaced_by      text,
  renewed_at       timestamptz,
  last_error       text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (station_id, certificate_type, serial)
);
CREATE INDEX renewal_open ON renewal (state, next_attempt_at) WHERE state IN ('triggered', 'renewed');
