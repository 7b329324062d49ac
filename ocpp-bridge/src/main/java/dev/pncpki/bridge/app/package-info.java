/**
 * Wiring: the bridge's Dropwizard application, its configuration, and the composition of the
 * features (stores, services, the route table of each OCPP version, background work, the admin
 * API's parts). Nothing here answers a station or an admin itself.
 */
package dev.pncpki.bridge.app;
