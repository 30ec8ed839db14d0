package dev.openprofile.consent;

/**
 * How a subscribe asks for consent. The caller resolves it: the list's {@code opt_in_process} when a
 * list is given, else the account default (semantics §12).
 */
public enum OptInProcess {
    SINGLE,
    DOUBLE
}
