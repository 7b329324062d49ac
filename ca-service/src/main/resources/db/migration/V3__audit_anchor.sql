-- Signed heads of the audit chain. The hash chain shows that no event was edited in place; an
-- anchor, signed with a key held in the key backend, shows which head the chain had when it was
-- signed, so that a deleted tail or a chain rewritten with recomputed hashes no longer verifies.
create table audit_anchor (
  id         bigserial primary key,
  event_id   bigint not null,
  head_hash  bytea not null,
  signed_at  timestamptz not null,
  key_ref    text not null,
  signature  bytea not null
);
create index audit_anchor_event on audit_anchor (event_id);

create trigger audit_anchor_no_change before update or delete on audit_anchor
  for each row execute function audit_event_is_append_only();
create trigger audit_anchor_no_truncate before truncate on audit_anchor
  for each statement execute function audit_event_is_append_only();
