/**
 * Contract certificates: eMAID handling, contract key pairs, encryption of the contract private key
 * to the vehicle, and the CertificateInstallation / CertificateUpdate responses. Builds on the
 * profiles in {@code dev.pncpki.policies}; signs through an interface that the CA service
 * implements, so it holds no signing keys and no storage of its own.
 */
package dev.pncpki.contract;
