package dev.openprofile.conversations;

import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.profiles.Profile;
import dev.openprofile.profiles.ProfileData;
import dev.openprofile.profiles.ProfileService;
import dev.openprofile.store.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A profile's conversations: read through the API, written by create_conversation_message (outbound,
 * recorded and never sent) and by the operator (an inbound message, which opens the conversation).
 */
public final class ConversationService implements ProfileData {
    static final Set<String> CHANNELS = Set.of("sms", "whatsapp", "instagram");

    private final Jdbc jdbc;
    private final ProfileService profiles;
    private final Clock clock;
    private final Supplier<String> ids;
    private final ConversationStore store = new ConversationStore();

    public ConversationService(Jdbc jdbc, ProfileService profiles, Clock clock, Supplier<String> ids) {
        this.jdbc = jdbc;
        this.profiles = profiles;
        this.clock = clock;
        this.ids = ids;
    }

    /** The profile's conversations, the most recently active first; 404 for an unknown profile. */
    List<Conversation> ofProfile(String accountId, String profileId) {
        profiles.get(accountId, profileId);
        return jdbc.read(c -> store.ofProfile(c, accountId, profileId));
    }

    /** The profile's conversation, as get_conversation_for_profile means it: its most recently active one. */
    Optional<Conversation> latestOf(String accountId, String profileId) {
        return ofProfile(accountId, profileId).stream().findFirst();
    }

    /** Records an outbound message on the conversation; 404 when the account has no such conversation. */
    void send(String accountId, MessageInput.Outbound message) {
        jdbc.inTransaction(c -> {
            Conversation conversation = store.find(c, accountId, message.conversationId(), true).orElseThrow(() ->
                    new ApiError(404, "not_found", "Not found.", "A conversation with id '" + message.conversationId()
                            + "' does not exist.", ApiError.Source.pointer("/data/relationships/conversation/data/id"), null));
            if (message.hierarchy() != null && !conversation.channel().equals("sms")) {
                throw ApiError.invalidPointer("/data/attributes/message_hierarchy",
                        "An RCS/SMS message hierarchy can only be sent on an SMS conversation; this one is "
                                + conversation.channel() + ".");
            }
            store.insertMessage(c, accountId, new Message(ids.get(), conversation.id(), "outbound", message.body(),
                    message.hierarchy(), now()));
            return null;
        });
    }

    /**
     * Records a message from the profile on the channel, opening its conversation there when it has none.
     * SMS and WhatsApp come from a phone number, so the profile must have one.
     */
    public Received receive(String accountId, String profileId, String channel, String body) {
        if (!CHANNELS.contains(channel)) {
            throw ApiError.invalidPointer("/channel", "'channel' must be one of sms, whatsapp, instagram; got '" + channel + "'.");
        }
        if (body == null || body.isBlank()) throw ApiError.invalidPointer("/body", "'body' must be a non-empty string.");
        Profile profile = profiles.find(accountId, profileId).orElseThrow(() -> ApiError.invalidPointer("/profile_id",
                "A profile with id '" + profileId + "' does not exist."));
        if (!channel.equals("instagram") && profile.phoneNumber() == null) {
            throw ApiError.invalidPointer("/channel", "The profile has no phone number, so it cannot write on " + channel + ".");
        }
        return jdbc.inTransaction(c -> {
            OffsetDateTime now = now();
            Conversation conversation = store.ensure(c, accountId, ids.get(), profileId, channel, now);
            Message m = new Message(ids.get(), conversation.id(), "inbound", body, null, now);
            store.insertMessage(c, accountId, m);
            return new Received(conversation.id(), m.id());
        });
    }

    /** What {@link #receive} recorded. */
    public record Received(String conversationId, String messageId) {}

    /** The conversation's messages, oldest first, for the operator; 404 when the account has no such conversation. */
    List<Message> messages(String accountId, String conversationId) {
        return jdbc.read(c -> {
            if (store.find(c, accountId, conversationId, false).isEmpty()) {
                throw new ApiError(404, "not_found", "Not found.", "A conversation with id '" + conversationId
                        + "' does not exist.", ApiError.Source.parameter("id"), null);
            }
            return store.messages(c, accountId, conversationId);
        });
    }

    @Override
    public void merge(Connection c, String accountId, String sourceId, String destinationId) throws SQLException {
        store.merge(c, accountId, sourceId, destinationId);
    }

    @Override
    public void delete(Connection c, String accountId, List<String> profileIds) throws SQLException {
        store.delete(c, accountId, profileIds);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
    }
}
