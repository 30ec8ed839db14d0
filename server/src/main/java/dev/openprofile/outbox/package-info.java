/**
 * The outbox of emulated messages (issue 16): OpenProfile sends no real email, SMS or push; a campaign's send job
 * records each rendered message here, where the operator reads it (admin API, CLI) as in a local mail catcher, and
 * from where, when configured, emails are relayed to an SMTP server the operator names. Retention bounds it.
 */
package dev.openprofile.outbox;
