-- OCPP 2.1 (ocpp2.1): its stations' deliveries and signing requests, the ISO 15118-20 SECC
-- certificate type it adds (V2G20Certificate), and the requestId a 2.1 SignCertificate carries and
-- its CertificateSigned must repeat (OCPP 2.1 A02).
ALTER TABLE delivery DROP CONSTRAINT delivery_route_check;
ALTER TABLE delivery ADD CONSTRAINT delivery_route_check
  CHECK (route IN ('ocpp1.6', 'ocpp2.0.1', 'ocpp2.1', 'ocpp1.6+iso15118pnc'));

ALTER TABLE signing_request DROP CONSTRAINT signing_request_route_check;
ALTER TABLE signing_request ADD CONSTRAINT signing_request_route_check
  CHECK (route IN ('ocpp1.6', 'ocpp2.0.1', 'ocpp2.1', 'ocpp1.6+iso15118pnc'));
ALTER TABLE signing_request DROP CONSTRAINT signing_request_certificate_type_check;
ALTER TABLE signing_request ADD CONSTRAINT signing_request_certificate_type_check
  CHECK (certificate_type IN ('ChargingStationCertificate', 'V2GCertificate', 'V2G20Certificate'));

-- the station's requestId (2.1 only; null for 1.6 and 2.0.1, which have none)
ALTER TABLE signing_request ADD COLUMN request_id integer;
