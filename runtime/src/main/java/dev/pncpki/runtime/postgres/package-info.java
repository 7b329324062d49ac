/** The embedded default's PostgreSQL, for the CA and the bridge alike. */
package dev.pncpki.runtime.postgres;
