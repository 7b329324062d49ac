/**
 * Where stations connect: the WebSocket upgrade (station id, subprotocol, security profile, login
 * throttling), each connection's socket with its ordered frame queue, and keep-alive pings.
 */
package dev.pncpki.bridge.transport;
