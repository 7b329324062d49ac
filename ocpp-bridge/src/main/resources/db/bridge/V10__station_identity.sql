-- A station id is one station in any letter case: CS-1 and cs-1 would be two rows that an operator
-- reads as one, and whose certificates, logs and alerts they would mix up.
CREATE UNIQUE INDEX station_id_any_case ON station (lower(id));
-- A deleted station's certificates keep their rows as history with status 'StationDeleted' (set
-- when the station is deleted): out of renewals, stations at risk and expiry counts.
