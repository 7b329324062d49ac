/**
 * The stations' TLS endpoint as OCPP requires of a CSMS (OCPP 2.0.1 Part 2 A00.FR.318; OCPP 1.6
 * security whitepaper, section on TLS): protocols and cipher suites pinned on the {@code https}
 * connectors, an EC and an RSA server certificate in one key store, and the two static-RSA suites
 * the standard requires re-enabled in the JDK for them alone. See docs/ocpp-bridge.md (TLS).
 */
package dev.pncpki.bridge.tls;
