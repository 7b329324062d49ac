/**
 * OCPP bridge: the internet-facing endpoint chargers connect to (OCPP 1.6J with the security
 * extensions and Plug & Charge over DataTransfer, and OCPP 2.0.1). It answers the certificate
 * messages by calling the CA service over HTTPS with its own limited credential; it never talks to
 * Vault and never holds CA keys.
 */
package dev.pncpki.bridge;
