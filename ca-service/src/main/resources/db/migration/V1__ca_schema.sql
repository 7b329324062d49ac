-- The CA's system of record. Certificates are recorded as 'pending' before the key backend
-- signs and completed after, so no signed certificate can exist that this database does not
-- know: a 'pending' row that never completes was never returned to anyone.

-- The CA hierarchy made by the ceremony (CAs, OCSP signers, CPS leaf), imported at start-up.
create table authority (
  id          text primary key check (id ~ '^[a-z0-9][a-z0-9-]{0,58}$'),
  profile     text not null,
  issuer_id   text references authority (id),
  key_ref     text not null,
  serial      text not null,
  certificate bytea not null,
  not_after   timestamptz not null,
  base_url    text not null, -- where this CA's children find its OCSP responder and CRL
  imported_at timestamptz not null default now()
);

create table certificate (
  issuer_id         text not null references authority (id),
  serial            text not null check (serial ~ '^[0-9a-f]{16,40}$'),
  profile           text not null,
  subject_cn        text not null,
  status            text not null check (status in ('pending', 'issued', 'failed')),
  requester         text not null,
  idempotency_key   text,
  request_sha256    bytea not null,
  created_at        timestamptz not null,
  not_before        timestamptz not null,
  not_after         timestamptz not null,
  certificate       bytea,
  failure           text,
  revoked_at        timestamptz,
  revocation_reason smallint check (revocation_reason between 0 and 10 and revocation_reason <> 7),
  primary key (issuer_id, serial),
  unique (requester, idempotency_key),
  check ((status = 'issued') = (certificate is not null)),
  check ((revoked_at is null) = (revocation_reason is null)),
  check (revoked_at is null or status = 'issued')
);
create index certificate_subject_cn on certificate (subject_cn);
create index certificate_expiry on certificate (not_after) where status = 'issued';

-- CRL numbers per issuer: strictly increasing, never reused (RFC 5280 5.2.3).
create table crl_number (
  issuer_id   text primary key references authority (id),
  last_number bigint not null
);

-- Append-only, hash-chained audit log: hash = SHA-256(prev_hash || canonical event text).
create table audit_event (
  id        bigserial primary key,
  at        timestamptz not null,
  actor     text not null,
  action    text not null,
  target    text,
  outcome   text not null,
  detail    text,
  prev_hash bytea not null,
  hash      bytea not null unique
);

create function audit_event_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_event is append-only';
end
$$;
create trigger audit_event_no_change before update or delete on audit_event
  for each row execute function audit_event_is_append_only();
create trigger audit_event_no_truncate before truncate on audit_event
  for each statement execute function audit_event_is_append_only();
