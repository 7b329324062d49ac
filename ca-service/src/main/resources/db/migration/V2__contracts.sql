-- Contract certificates (issue 4): the OEM roots admins trust, the provisioning-certificate pool
-- OEM backends fill, and the contracts mobility operators have issued for a vehicle.

-- Roots that provisioning certificates must chain to, managed by admins. The id is the SHA-256
-- fingerprint of the DER certificate, lower-case hex. Each OEM root belongs to one OEM tenant: only
-- that OEM may upload provisioning certificates chaining to it.
create table trust_anchor (
  id          text primary key check (id ~ '^[0-9a-f]{64}$'),
  pki         text not null check (pki in ('oem')),
  oem         text not null,
  subject     text not null,
  certificate bytea not null,
  not_after   timestamptz not null,
  added_by    text not null,
  added_at    timestamptz not null
);

-- OEM provisioning certificates by PCID (CN of the certificate), with the Sub-CA certificates
-- between it and a trusted root. One per PCID: a new one replaces the old only after a delete.
create table provisioning_certificate (
  pcid           text primary key check (pcid ~ '^[A-Z0-9]{17,18}$'),
  oem            text not null,          -- the tenant that uploaded it, who alone may use it
  suite          text not null,          -- iso15118-2 or iso15118-20-p521
  certificate    bytea not null,
  sub_ca_2       bytea,                  -- absent when the leaf is issued by Sub-CA 1
  sub_ca_1       bytea not null,
  root_id        text not null,          -- the trust_anchor it chained to when uploaded
  not_after      timestamptz not null,
  revocation     text not null,          -- how its status was checked at upload
  uploaded_by    text not null,
  uploaded_at    timestamptz not null
);
create index provisioning_certificate_oem on provisioning_certificate (oem);

-- A contract: an eMAID bound to a vehicle's PCID, its certificate (a row of certificate, through
-- which revocation and expiry are known) and the contract key, encrypted to the vehicle, exactly
-- as the installation or update response delivers it. The plaintext key is never stored.
create table contract (
  id                      bigserial primary key,
  emaid                   text not null check (emaid ~ '^[A-Z]{2}[A-Z0-9]{3}[A-Z0-9]{9}[A-Z0-9]?$'),
  pcid                    text not null, -- kept when the provisioning certificate is deleted
  mo                      text not null, -- the mobility-operator tenant that owns it
  oem                     text not null, -- the OEM of the PCID when it was issued, who may read it
  suite                   text not null,
  issuer_id               text not null,
  serial                  text not null,
  encrypted_private_key   bytea not null,
  dh_public_key           bytea not null,
  replaces                bigint references contract (id),
  replaced_by             bigint references contract (id),
  created_at              timestamptz not null,
  foreign key (issuer_id, serial) references certificate (issuer_id, serial),
  unique (issuer_id, serial)
);
create index contract_emaid_pcid on contract (emaid, pcid);
create index contract_pcid on contract (pcid);
create index contract_mo on contract (mo);
