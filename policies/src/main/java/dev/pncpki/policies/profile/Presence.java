package dev.pncpki.policies.profile;

/** Whether an optional certificate element must, may or must not appear. */
public enum Presence {
  REQUIRED,
  OPTIONAL,
  ABSENT
}
