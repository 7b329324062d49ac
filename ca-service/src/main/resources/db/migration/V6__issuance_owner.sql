-- Crash recovery (docs/operations.md, "Crash recovery"): every issuance recorded as pending names
-- the CA instance that is issuing it. Each instance holds a PostgreSQL session-level advisory lock
-- on its number for as long as it runs; the lock ends with the instance's connections, so a pending
-- row whose owner's lock can be taken was left by an instance that is gone, and is resolved at
-- once, while a live instance's rows are left to it. Rows written before this column have no
-- owner and are resolved by age, as before.
alter table certificate add column owner integer;

-- Only rows in flight are looked up by owner, and there are few of them at any time.
create index certificate_in_flight on certificate (owner) where status = 'pending';
