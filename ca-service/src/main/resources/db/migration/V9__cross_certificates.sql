-- Cross-certificates a root operator provides (docs/roots.md): a pooled root's signature on another
-- root's name and key, so that a chain under the second root validates for clients that trust only
-- the first.
create table cross_certificate (
  sha256 text primary key check (sha256 ~ '^[0-9a-f]{64}$'),
  certificate bytea not null,
  -- the root whose name and key it certifies, and the pooled root that signed it
  subject_root_sha256 text not null check (subject_root_sha256 ~ '^[0-9a-f]{64}$'),
  issuer_root_sha256 text not null check (issuer_root_sha256 ~ '^[0-9a-f]{64}$'),
  not_after timestamptz not null,
  added_by text not null,
  added_at timestamptz not null
);

create index cross_certificate_issuer on cross_certificate (issuer_root_sha256);
