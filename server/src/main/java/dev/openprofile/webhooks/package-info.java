/**
 * Klaviyo's system webhooks (issue 15): the webhooks an account configures, the topics OpenProfile emits, and the
 * real delivery of each event to each subscribed webhook from a durable outbox, signed as Klaviyo signs, retried
 * with backoff, every attempt visible to the operator.
 */
package dev.openprofile.webhooks;
