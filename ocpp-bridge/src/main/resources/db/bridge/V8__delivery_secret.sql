-- A secret a delivery carries (a station's new password), sealed with the bridge's secret key
-- (AES-256-GCM, the station id as associated data). The payload holds a placeholder; the secret is
-- put in only when the CALL is sent, and erased here once the delivery is final.
ALTER TABLE delivery ADD COLUMN secret bytea;

CREATE FUNCTION delivery_forget_secret() RETURNS trigger AS $$
BEGIN
  IF NEW.state IN ('answered', 'failed', 'cancelled') THEN
    NEW.secret := NULL;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER delivery_forget_secret BEFORE UPDATE ON delivery
  FOR EACH ROW WHEN (NEW.secret IS NOT NULL) EXECUTE FUNCTION delivery_forget_secret();
