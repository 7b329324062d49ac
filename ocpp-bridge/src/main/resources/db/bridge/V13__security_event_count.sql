-- a flood of one kind of event for one station is recorded once per window, with how many there were
ALTER TABLE security_event ADD COLUMN count integer NOT NULL DEFAULT 1 CHECK (count >= 1);
