/** HTTP fetches of the bridge with a bound on time and size, headers and body both. */
package dev.pncpki.bridge.fetch;
