-- The requestIds of the bridge's GetLog requests start high: in proxy mode the CSMS behind the
-- bridge asks the same stations for logs with ids of its own, usually counted from 1, and a
-- station's LogStatusNotification names only the requestId.
ALTER SEQUENCE station_log_request RESTART WITH 1000000001;
