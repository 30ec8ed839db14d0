/**
 * Push tokens (issue 12): create-or-update by token value, reads with the spec's filters, deletion, the
 * token-profile relationships both ways, the tokens of consent's subscribe and unsubscribe jobs, and
 * {@link dev.openprofile.profiles.ProfileData} for merges and deletions. Depends on profiles only.
 */
package dev.openprofile.pushtokens;
