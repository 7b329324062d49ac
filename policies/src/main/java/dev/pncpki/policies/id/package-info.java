/**
 * Identifier value types of the V2G PKI: eMAID, PCID, EVSE ID, SECC ID and the OCPP
 * charging-station identity. Each is complete and valid once built; a bad input raises {@link
 * dev.pncpki.policies.id.InvalidIdentifierException}.
 */
package dev.pncpki.policies.id;
