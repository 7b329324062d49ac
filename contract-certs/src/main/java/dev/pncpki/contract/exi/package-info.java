/**
 * EXI (Efficient XML Interchange) for ISO 15118 messages, schema-informed with EXIficient. The ISO
 * schemas are not part of the project: the operator provides them (ISO publishes them free of
 * charge on its standards maintenance portal, without a licence to redistribute).
 */
package dev.pncpki.contract.exi;
