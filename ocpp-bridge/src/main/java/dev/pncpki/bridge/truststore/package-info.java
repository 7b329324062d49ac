/**
 * Each station's trust store follows policy: the roots a station should hold (from the CA's trust
 * list, by certificate type, OCPP version and ISO 15118 version) compared with what it reports in
 * GetInstalledCertificateIds, and, where enforced, missing roots installed and distrusted or
 * expired ones deleted through the outbox.
 */
package dev.pncpki.bridge.truststore;
