/** The rules of the V2G PKI as data plus the code that applies them. No I/O. */
package dev.pncpki.policies;
