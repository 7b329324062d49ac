/** How the services start: one-line refusals, and what they tell of their connectors. */
package dev.pncpki.runtime.startup;
