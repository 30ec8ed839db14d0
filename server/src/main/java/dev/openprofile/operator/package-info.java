/**
 * The operator's controls beside the API (issue 13): the request journal, injected faults and the
 * controllable clock, with their admin routes under {@code /admin}. Part of the protocol layer: it
 * imports no feature; features see the clock only as a {@link java.time.Clock}. The clock and the
 * faults live in tables shared by every node (V22), each node holding a copy refreshed every second;
 * the journal is per node, in memory.
 */
package dev.openprofile.operator;
