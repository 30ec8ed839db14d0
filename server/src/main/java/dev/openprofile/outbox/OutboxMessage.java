package dev.openprofile.outbox;

import java.time.OffsetDateTime;

/**
 * One emulated message to one recipient, rendered. {@code channel} is Klaviyo's channel name (email, sms,
 * mobile_push); {@code to} is the address of that channel (an email address, a phone number, a push token).
 * Members a channel has not (an SMS's subject) are null. {@code linkToken} is the unguessable token in the URLs of
 * the pages the message links to (its unsubscribe, preferences and web view pages).
 */
public record OutboxMessage(String accountId, String campaignId, String messageId, String profileId, String channel,
                            String fromAddress, String fromLabel, String replyTo, String to, String subject,
                            String previewText, String bodyHtml, String bodyText, OffsetDateTime sentAt, String linkToken) {}
