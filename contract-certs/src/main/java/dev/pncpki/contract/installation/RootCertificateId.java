package dev.pncpki.contract.installation;

import java.math.BigInteger;

/**
 * One entry of a request's ListOfRootCertificateIDs: an xmldsig X509IssuerSerial naming a V2G root
 * the vehicle trusts (issuer name as a string, serial number as an integer).
 */
public record RootCertificateId(String issuerName, BigInteger serialNumber) {}
