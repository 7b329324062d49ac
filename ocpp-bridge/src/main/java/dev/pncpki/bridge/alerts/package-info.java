/**
 * Alerts for the operations centre: stations at risk, failed campaign waves, CA certificates
 * nearing their end, CRLs and OCSP responses near their nextUpdate. Checks report what they see,
 * {@link dev.pncpki.bridge.alerts.Alerts} raises and clears from the difference, and sinks (log,
 * metrics, signed webhook) pass it on. This package depends on no other bridge package and never on
 * the database: checks over the bridge's own data are built where that data lives and hand plain
 * values to the {@link dev.pncpki.bridge.alerts.Alert} factories.
 */
package dev.pncpki.bridge.alerts;
