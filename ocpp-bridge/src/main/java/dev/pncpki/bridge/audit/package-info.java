/** What admins did through the bridge's API, kept append-only in the bridge's database. */
package dev.pncpki.bridge.audit;
