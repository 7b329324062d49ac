-- A campaign pass looks at the stations in flight (a few hundred) among all of a campaign's
-- (tens of thousands): without this index each pass read every row.
CREATE INDEX campaign_station_in_flight ON campaign_station (campaign_id, state)
  WHERE state IN ('requested', 'issued', 'delivered');
