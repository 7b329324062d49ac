-- The hierarchy's own certificates (roots, Sub-CAs, OCSP signers, CPS leaves, the OEM test PKI)
-- are rows of certificate like every issued one, imported at start-up from the ceremony's folder
-- (docs/adr/012-hierarchy-in-postgresql.md): OCSP answers good or revoked for them, the issuer's
-- CRL lists them once revoked. authority_id names the authority a row is the certificate of; a
-- root's row names the root itself as its issuer (it is self-signed).
alter table certificate add column authority_id text unique references authority (id);

-- Ceremony serials are random like issued ones; a row of the hierarchy may still be shorter.
alter table certificate drop constraint certificate_serial_check;
alter table certificate add constraint certificate_serial_check check (
  serial ~ '^[0-9a-f]{16,40}$' or (authority_id is not null and serial ~ '^[0-9a-f]{1,40}$'));

-- A revoked CA issues nothing more: no issuance is recorded (pending) or completed (issued) under a
-- CA whose certificate, or that of a CA above it, is revoked. The check is here, in the database
-- every instance shares, so that a revocation through one instance stops issuance through all at
-- once. SQLSTATE PN409 is read by the service as the problem issuer-revoked.
-- The CA rows are locked FOR SHARE first: a revoke-ca transaction holds its CA's row FOR UPDATE
-- until it commits, so an issuance recorded or completed meanwhile waits; the check that follows
-- takes a new snapshot (READ COMMITTED, a volatile function) and so sees the CA revoked. Without
-- the lock it would read the old row and commit under a CA being revoked. The lock is a statement
-- of its own: a filter on revoked_at in the locking query would skip the unrevoked-looking row
-- instead of waiting for it.
create function certificate_issuer_not_revoked() returns trigger language plpgsql as $$
declare
  chain_ids text[];
  revoked_ca text;
begin
  with recursive chain (id) as (
    select new.issuer_id
    union
    select a.issuer_id from authority a join chain c on a.id = c.id where a.issuer_id is not null
  )
  select array_agg(id) into chain_ids from chain;
  perform 1 from certificate where authority_id = any (chain_ids) for share;
  select authority_id into revoked_ca
  from certificate
  where authority_id = any (chain_ids) and revoked_at is not null
  limit 1;
  if revoked_ca is not null then
    raise exception 'the issuing CA % is revoked', revoked_ca using errcode = 'PN409';
  end if;
  return new;
end
$$;

create trigger certificate_issuer_live_on_record before insert on certificate
  for each row when (new.authority_id is null)
  execute function certificate_issuer_not_revoked();

create trigger certificate_issuer_live_on_completion before update of status on certificate
  for each row when (new.status = 'issued' and old.status <> 'issued' and new.authority_id is null)
  execute function certificate_issuer_not_revoked();
