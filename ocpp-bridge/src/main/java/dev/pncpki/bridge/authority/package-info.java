/**
 * The CA hierarchy as the CA's public API lists it ({@code GET /v1/cas}, no credential): each CA's
 * id, subject and status (valid, revoked by itself or by a CA above it, expired). The bridge reads
 * it to alert on a revoked CA that still has stations under it and to turn a CA id into the issuer
 * name that station certificates carry (RFC 5280 4.1.2.4: a certificate's issuer is its CA's
 * subject).
 */
package dev.pncpki.bridge.authority;
