package dev.openprofile.conversations;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.store.Statements;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for conversations and their messages. */
final class ConversationStore {
    private static final String COLUMNS = "id, profile_id, channel, created, last_message_at";

    /** The profile's conversations, the most recently active first. */
    List<Conversation> ofProfile(Connection c, String accountId, String profileId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS
                + " from conversation where account_id = ? and profile_id = ? order by last_message_at desc, id desc")) {
            ps.setString(1, accountId);
            ps.setString(2, profileId);
            return conversations(ps);
        }
    }

    Optional<Conversation> find(Connection c, String accountId, String id, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS
                + " from conversation where account_id = ? and id = ?" + (lock ? " for update" : ""))) {
            ps.setString(1, accountId);
            ps.setString(2, id);
            List<Conversation> found = conversations(ps);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
    }

    /** The profile's conversation on the channel, created when it has none (concurrent callers get the same one). */
    Conversation ensure(Connection c, String accountId, String newId, String profileId, String channel, OffsetDateTime now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into conversation (account_id, id, profile_id, channel, created, last_message_at)
                values (?, ?, ?, ?, ?, ?) on conflict (account_id, profile_id, channel) do nothing""")) {
            ps.setString(1, accountId);
            ps.setString(2, newId);
            ps.setString(3, profileId);
            ps.setString(4, channel);
            ps.setObject(5, now);
            ps.setObject(6, now);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS
                + " from conversation where account_id = ? and profile_id = ? and channel = ? for update")) {
            ps.setString(1, accountId);
            ps.setString(2, profileId);
            ps.setString(3, channel);
            return conversations(ps).get(0);
        }
    }

    void insertMessage(Connection c, String accountId, Message m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into conversation_message (account_id, id, conversation_id, direction, body, message_hierarchy, created)
                values (?, ?, ?, ?, ?, ?::jsonb, ?)""")) {
            ps.setString(1, accountId);
            ps.setString(2, m.id());
            ps.setString(3, m.conversationId());
            ps.setString(4, m.direction());
            ps.setString(5, m.body());
            ps.setString(6, m.hierarchy() == null ? null : m.hierarchy().toString());
            ps.setObject(7, m.created());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                update conversation set last_message_at = greatest(last_message_at, ?) where account_id = ? and id = ?""")) {
            ps.setObject(1, m.created());
            ps.setString(2, accountId);
            ps.setString(3, m.conversationId());
            ps.executeUpdate();
        }
    }

    /** The conversation's messages, oldest first. */
    List<Message> messages(Connection c, String accountId, String conversationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select id, conversation_id, direction, body, message_hierarchy::text, created from conversation_message
                where account_id = ? and conversation_id = ? order by created, id""")) {
            ps.setString(1, accountId);
            ps.setString(2, conversationId);
            List<Message> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Message(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            tree(rs.getString(5)), rs.getObject(6, OffsetDateTime.class)));
                }
            }
            return out;
        }
    }

    /**
     * A merge: the source's conversation on a channel the destination has none on becomes the destination's;
     * on a channel both have, its messages join the destination's conversation and it goes.
     */
    void merge(Connection c, String accountId, String sourceId, String destinationId) throws SQLException {
        Statements.update(c, """
                with pairs as (
                    select s.id as source, d.id as destination, s.last_message_at
                    from conversation s join conversation d
                      on d.account_id = s.account_id and d.profile_id = ? and d.channel = s.channel
                    where s.account_id = ? and s.profile_id = ?
                ), moved as (
                    update conversation_message m set conversation_id = p.destination from pairs p
                    where m.account_id = ? and m.conversation_id = p.source
                )
                update conversation d set last_message_at = greatest(d.last_message_at, p.last_message_at) from pairs p
                where d.account_id = ? and d.id = p.destination""", destinationId, accountId, sourceId, accountId, accountId);
        Statements.update(c, """
                delete from conversation s where s.account_id = ? and s.profile_id = ? and exists (
                    select 1 from conversation d where d.account_id = s.account_id and d.profile_id = ? and d.channel = s.channel)""",
                accountId, sourceId, destinationId);
        Statements.update(c, "update conversation set profile_id = ? where account_id = ? and profile_id = ?",
                destinationId, accountId, sourceId);
    }

    /** The profiles' conversations go, and their messages with them (the foreign key cascades). */
    void delete(Connection c, String accountId, List<String> profileIds) throws SQLException {
        Statements.update(c, "delete from conversation where account_id = ? and profile_id = any (?)", accountId, profileIds);
    }

    private static List<Conversation> conversations(PreparedStatement ps) throws SQLException {
        List<Conversation> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Conversation(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class), rs.getObject(5, OffsetDateTime.class)));
            }
        }
        return out;
    }

    private static com.fasterxml.jackson.databind.JsonNode tree(String json) throws SQLException {
        if (json == null) return null;
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SQLException("conversation_message.message_hierarchy holds JSON", e);
        }
    }
}
