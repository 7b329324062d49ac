-- A campaign the runner paused because a wave failed too much: resuming it accepts that wave
-- (accepted_wave), and the runner moves on to the next one. An admin's own pause accepts nothing.
ALTER TABLE campaign ADD COLUMN paused_by_runner boolean NOT NULL DEFAULT false;
ALTER TABLE campaign ADD COLUMN accepted_wave integer NOT NULL DEFAULT 0;
