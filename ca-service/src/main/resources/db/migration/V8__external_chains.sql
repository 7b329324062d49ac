-- A Sub-CA signed by an external root operator hangs under that operator's certificates, which
-- are authorities without a key here (docs/operations.md, Sub-CAs under an external root): they
-- complete chains and parent the Sub-CA's certificate row, and sign nothing of this CA's.
alter table authority alter column key_ref drop not null;
