package dev.pncpki.policies.profile;

import java.math.BigInteger;
import java.util.List;

/** Serial numbers are positive and at most 20 octets (RFC 5280 4.1.2.2; OCPP repeats it). */
public record SerialNumberRule(Clause source) implements CertificateRule {

  @Override
  public String name() {
    return "serial-number";
  }

  @Override
  public String describe() {
    return "positive integer of at most 20 octets";
  }

  @Override
  public void contribute(TemplateRequest request, TemplateDraft draft, List<Violation> out) {
    checkSerial(request.serialNumber(), out);
  }

  @Override
  public void check(CertificateView cert, List<Violation> out) {
    checkSerial(cert.holder().getSerialNumber(), out);
  }

  private void checkSerial(BigInteger serial, List<Violation> out) {
    if (serial.signum() <= 0) {
      out.add(violation("serial number " + serial + " is not positive"));
    } else if (serial.toByteArray().length > 20) {
      out.add(violation("serial number is " + serial.toByteArray().length + " octets, above 20"));
    }
  }
}
