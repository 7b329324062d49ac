-- Crash-safe certificate deliveries: every CSR a station was answered Accepted for is a row here
-- before the answer leaves, and the outbox's CALLs that must not reach a station twice are marked.

-- One row per accepted SignCertificate (OCPP 2.0.1 A02/A03; OCPP 1.6 security whitepaper, and its
-- Plug & Charge form inside DataTransfer), written in the transaction that found it may be
-- accepted (no other CSR of the station and type outstanding, the issuance rate not exceeded).
--   issuing: the CA is asked by the instance holding the lease (claimed_by, lease_until); a lapsed
--            lease lets any instance take it over. Every attempt sends the same idempotency_key,
--            so the CA issues one certificate for the row however often it is asked.
--   issued:  the certificate's serial and its CertificateSigned delivery, stored in one
--            transaction: one delivery per row (delivery_id is unique).
--   failed:  the CA refused it or stayed unreachable through the attempts; last_error says why,
--            and a failed CertificateSigned delivery carries the same reason into the lists of
--            deliveries that operators read.
CREATE TABLE signing_request (
  id               bigserial   PRIMARY KEY,
  station_id       text        NOT NULL,
  certificate_type text        NOT NULL
                   CHECK (certificate_type IN ('ChargingStationCertificate', 'V2GCertificate')),
  route            text        NOT NULL CHECK (route IN ('ocpp1.6', 'ocpp2.0.1', 'ocpp1.6+iso15118pnc')),
  csr              text        NOT NULL,
  profile          text        NOT NULL,
  identity         text        NOT NULL,
  idempotency_key  text        NOT NULL UNIQUE,
  state            text        NOT NULL DEFAULT 'issuing' CHECK (state IN ('issuing', 'issued', 'failed')),
  attempts         integer     NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  claimed_by       text,
  lease_until      timestamptz,
  serial           text,
  delivery_id      bigint      UNIQUE REFERENCES delivery (id),
  last_error       text,
  received_at      timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK ((state = 'issuing') = (delivery_id IS NULL)),
  CHECK ((state = 'issued') = (serial IS NOT NULL))
);
CREATE INDEX signing_request_due ON signing_request (next_attempt_at) WHERE state = 'issuing';
CREATE INDEX signing_request_recent ON signing_request (station_id, certificate_type, received_at DESC);

-- CertificateSigned and the triggers of a CSR (TriggerMessage, ExtendedTriggerMessage) are sent at
-- most once: a row whose CALL may have reached the station (sent, then silence, a disconnect, or
-- its sender gone) is not sent again but failed with unconfirmed set. Only a refusal by the station
-- (a CALLERROR) lets such a row be tried again.
ALTER TABLE delivery ADD COLUMN at_most_once boolean NOT NULL DEFAULT false;
ALTER TABLE delivery ADD COLUMN unconfirmed boolean NOT NULL DEFAULT false;

-- finding certificates answered but not recorded (an instance stopped in between)
CREATE INDEX signing_request_issued ON signing_request (updated_at) WHERE state = 'issued';
CREATE INDEX station_certificate_by_delivery ON station_certificate (delivery_id);
