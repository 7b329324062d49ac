/**
 * Which contract chains the bridge trusts: the roots it validates against (the CA's root
 * certificate pool and its own hierarchy's roots) and certification path validation to them (RFC
 * 5280 section 6), so that contracts of every mobility operator whose root is pooled can be
 * authorized, and only responders named by a validated chain are ever asked about them.
 */
package dev.pncpki.bridge.trust;
