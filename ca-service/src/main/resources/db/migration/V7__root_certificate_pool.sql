-- The root certificate pool (docs/roots.md): the roots this CA and its bridges trust, with the
-- fields of Open Plug&Charge's RootCertV2 derived from the certificate when read.
create table root_certificate (
  id uuid primary key,
  root_type text not null
    check (root_type in ('V2G', 'MO', 'OEM', 'PE', 'CSMS', 'MANUFACTURER')),
  certificate bytea not null,
  sha256 text not null unique check (sha256 ~ '^[0-9a-f]{64}$'),
  not_after timestamptz not null,
  added_by text not null,
  added_at timestamptz not null
);

create index root_certificate_not_after on root_certificate (not_after);
