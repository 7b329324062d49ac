/**
 * Guarding the station login: back-off after failed authentications per source address and per
 * station id, a global bound on the logins checked per second, and security events from floods
 * recorded as one event with a count per window. See docs/stations.md (Failed logins).
 */
package dev.pncpki.bridge.login;
