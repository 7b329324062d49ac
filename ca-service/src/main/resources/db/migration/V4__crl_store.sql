-- CRLs kept in PostgreSQL (RFC 5280 5), so that every CA instance serves the same bytes for the
-- same CRL number and a restarted instance serves the last one at once. One instance builds a
-- CA's CRL at a time (a session advisory lock per CA, see JdbiCrlStore); the others serve what it
-- stored.

-- A revision per issuer, moved by every revocation in the revoking transaction itself (trigger
-- below), and the revision the newest stored CRL lists: a CRL is due for rebuilding while
-- revision > built_revision, whichever instance or code path revoked.
alter table crl_number
  add column revision bigint not null default 0,
  add column built_revision bigint not null default 0;

create function crl_number_revised() returns trigger language plpgsql as $$
begin
  insert into crl_number (issuer_id, last_number, revision) values (new.issuer_id, 0, 1)
  on conflict (issuer_id) do update set revision = crl_number.revision + 1;
  return null;
end
$$;
create trigger certificate_revoked after update of revoked_at on certificate
  for each row when (old.revoked_at is null and new.revoked_at is not null)
  execute function crl_number_revised();

-- The CRL builder reads only revoked rows of one issuer, in serial order, from this index
-- (index-only where the visibility map allows), however many unrevoked certificates there are.
create index certificate_revoked on certificate (issuer_id, serial)
  include (revoked_at, revocation_reason, not_after)
  where revoked_at is not null;

-- A revocation names the certificate by serial alone (POST /v1/certificates/{serial}/revoke without
-- an issuer): without this index each lookup read the whole table, so revoking took longer the
-- more certificates (revoked ones included) the CA had made.
create index certificate_serial on certificate (serial);

-- Signed CRLs, the last few per issuer (older ones pruned by the builder). A row never changes
-- once written, so it is served in slices (substring) without holding it whole in memory; storage
-- external keeps the DER uncompressed (serials are random anyway) so that a slice reads only its
-- own TOAST chunks.
create table crl (
  issuer_id   text not null references authority (id),
  number      bigint not null check (number > 0),
  this_update timestamptz not null,
  next_update timestamptz not null check (next_update > this_update),
  revision    bigint not null,
  entries     bigint not null check (entries >= 0),
  der         bytea not null,
  primary key (issuer_id, number)
);
alter table crl alter column der set storage external;
