package dev.openprofile.outbox;

import dev.openprofile.config.OutboxSettings;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.util.Date;
import java.util.Properties;

/**
 * Sends one recorded email to the relay's SMTP server as a real MIME message (Jakarta Mail, Eclipse Angus): From with
 * its label, Reply-To, To, Subject, the send time as Date, and the text and HTML bodies as multipart/alternative.
 */
final class SmtpSender {
    /** A message that cannot be written as an email (an address that is not one): trying again would not help. */
    static final class Unsendable extends Exception {
        Unsendable(String message) { super(message, null, false, false); }
    }

    private final OutboxSettings.SmtpRelay relay;
    private final Session session;

    SmtpSender(OutboxSettings.SmtpRelay relay) {
        this.relay = relay;
        Properties p = new Properties();
        String ms = Long.toString(relay.timeout().toMillis());
        p.put("mail.smtp.host", relay.host());
        p.put("mail.smtp.port", Integer.toString(relay.port()));
        p.put("mail.smtp.connectiontimeout", ms);
        p.put("mail.smtp.timeout", ms);
        p.put("mail.smtp.writetimeout", ms);
        // The name EHLO gives: without it Jakarta Mail resolves this machine's name for every connection.
        p.put("mail.smtp.localhost", "openprofile.localhost");
        p.put("mail.smtp.auth", Boolean.toString(relay.username().isPresent()));
        p.put("mail.smtp.starttls.enable", Boolean.toString(relay.startTls() != OutboxSettings.StartTls.OFF));
        p.put("mail.smtp.starttls.required", Boolean.toString(relay.startTls() == OutboxSettings.StartTls.REQUIRED));
        this.session = Session.getInstance(p);
    }

    /**
     * Sends over {@code connection}, opened (or opened again) when it is not connected; returns the connection to send
     * the next message over. A failed send closes it, so the next one starts on a fresh connection.
     *
     * @throws MessagingException the server could not be reached or refused the message (worth another attempt)
     */
    Transport send(Transport connection, StoredMessage stored) throws Unsendable, MessagingException {
        MimeMessage mime = mime(stored);
        Transport t = connection;
        try {
            if (t == null || !t.isConnected()) {
                t = session.getTransport("smtp");
                t.connect(relay.host(), relay.port(), relay.username().orElse(null), relay.password().orElse(null));
            }
            t.sendMessage(mime, mime.getAllRecipients());
            return t;
        } catch (MessagingException e) {
            close(t);
            throw e;
        }
    }

    /** Ends a connection (QUIT), quietly: the messages sent over it were accepted already. */
    static void close(Transport t) {
        if (t == null) return;
        try {
            t.close();
        } catch (MessagingException e) {
            // nothing was pending on it
        }
    }

    MimeMessage mime(StoredMessage stored) throws Unsendable {
        OutboxMessage m = stored.message();
        // The Message-ID is the outbox message's own, so a relay repeated after a crash shows as the same message.
        String messageId = "<outbox." + stored.id() + "." + m.accountId() + "@openprofile.invalid>";
        MimeMessage mime = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        try {
            if (m.fromAddress() == null) throw new Unsendable("the message has no from address");
            mime.setFrom(new InternetAddress(strict(m.fromAddress()).getAddress(), m.fromLabel(), "UTF-8"));
            if (m.replyTo() != null) mime.setReplyTo(new InternetAddress[] {strict(m.replyTo())});
            mime.setRecipient(Message.RecipientType.TO, strict(m.to()));
            mime.setSubject(m.subject() == null ? "" : m.subject(), "UTF-8");
            mime.setSentDate(Date.from(m.sentAt().toInstant()));
            header(mime, "X-OpenProfile-Campaign-Id", m.campaignId());
            header(mime, "X-OpenProfile-Message-Id", m.messageId());
            header(mime, "X-OpenProfile-Profile-Id", m.profileId());
            header(mime, "X-OpenProfile-Outbox-Id", Long.toString(stored.id()));
            MimeMultipart alternative = new MimeMultipart("alternative");
            // Plain text first: a reader shows the last alternative it can, so HTML wins where it is understood.
            if (m.bodyText() != null || m.bodyHtml() == null) {
                MimeBodyPart text = new MimeBodyPart();
                text.setText(m.bodyText() == null ? "" : m.bodyText(), "UTF-8");
                alternative.addBodyPart(text);
            }
            if (m.bodyHtml() != null) {
                MimeBodyPart html = new MimeBodyPart();
                html.setText(m.bodyHtml(), "UTF-8", "html");
                alternative.addBodyPart(html);
            }
            mime.setContent(alternative);
            mime.saveChanges();
            return mime;
        } catch (AddressException e) {
            throw new Unsendable("not an email address: " + e.getRef());
        } catch (UnsupportedEncodingException | MessagingException e) {
            throw new Unsendable(e.getMessage());
        }
    }

    private static InternetAddress strict(String address) throws AddressException {
        return new InternetAddress(address, true);
    }

    private static void header(MimeMessage mime, String name, String value) throws MessagingException {
        if (value != null) mime.setHeader(name, value);
    }
}
