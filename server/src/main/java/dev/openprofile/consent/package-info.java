/**
 * A profile's consent, as pure values and rules: no SQL, no HTTP. Rules and sources: semantics.md §12.
 *
 * <p>{@link dev.openprofile.consent.ConsentState} is the whole consent of one profile; {@link
 * dev.openprofile.consent.ConsentRules#apply} turns a {@link dev.openprofile.consent.ConsentCommand}
 * into a {@link dev.openprofile.consent.ConsentOutcome} (the next state, its history, and the list
 * membership changes the caller carries out). {@link dev.openprofile.consent.SubscriptionsRenderer}
 * writes the spec's {@code subscriptions} object; {@link dev.openprofile.consent.ConsentStateJson}
 * is the storage form (one jsonb document per profile).
 */
package dev.openprofile.consent;
