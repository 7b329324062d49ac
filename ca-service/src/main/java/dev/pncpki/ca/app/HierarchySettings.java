package dev.pncpki.ca.app;

/**
 * Where the CA hierarchy lives and how it is made: {@code plan} is a ceremony file (empty: the
 * bundled demo plan); {@code ceremonyOnStart} runs the ceremony when the server starts, as the
 * embedded default does. Production runs the ceremony once, by hand, with the admin command.
 */
public record HierarchySettings(String directory, String plan, boolean ceremonyOnStart) {}
