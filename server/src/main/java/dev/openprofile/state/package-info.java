/**
 * An account's state as a whole, for its operator: reset (delete every object, keep the account, its keys
 * and its configuration), export (an NDJSON stream of every object) and import (load such a stream into an
 * empty account). The tables are read off the schema (every table of ours with an {@code account_id}), so a
 * table a later feature adds is reset and exported without a change here; {@link StateTables} names the few
 * that are kept, and {@code AccountStateTest} fails on a table that is neither kept nor covered by its fixture.
 */
package dev.openprofile.state;
