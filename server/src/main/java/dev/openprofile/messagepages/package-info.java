/**
 * The pages a sent (emulated) message links to through Klaviyo's message tags: its recipient's unsubscribe page
 * ({@code {% unsubscribe %}}), preferences page ({@code {% manage_preferences %}}) and the message in a browser
 * ({@code {% web_view %}}). The unguessable token in the URL, kept with the message in the outbox, is the credential.
 */
package dev.openprofile.messagepages;
