package org.councilchat.webchat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;
import org.councilchat.councils.Councils;
import org.councilchat.handoff.Conversations;
import org.springframework.stereotype.Service;

/**
 * Decides who a resident's connection belongs to. A valid resume token carries on its conversation; no
 * token, one we do not know, or one of a chat that ended a while ago ({@code resume-ended-chat-for}), starts a new
 * one (never an error: the resident just gets a fresh chat). So does a token of another council's chat.
 */
@Service
public class ResidentConnections {

    private static final Pattern TOKEN_SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Conversations conversations;
    private final WebchatProperties properties;
    private final Councils councils;

    public ResidentConnections(Conversations conversations, WebchatProperties properties, Councils councils) {
        this.conversations = conversations;
        this.councils = councils;
        this.properties = properties;
    }

    /** A connection of a page of this council's (null: the first council's). */
    public ResidentPrincipal connect(String resumeToken, String councilId) {
        String council = councilId == null ? councils.byDefault().id() : councilId;
        if (resumeToken != null && TOKEN_SHAPE.matcher(resumeToken).matches()) {
            var known = conversations.idForResumeTokenHash(hash(resumeToken), council, properties.resumeEndedChatFor());
            if (known.isPresent()) {
                return new ResidentPrincipal(known.get(), resumeToken, true, council);
            }
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return new ResidentPrincipal(
                UUID.randomUUID().toString(),
                Base64.getUrlEncoder().withoutPadding().encodeToString(secret),
                false,
                council);
    }

    /** Only a hash of the token is stored, so a copy of the database cannot resume anyone's chat. */
    public static String hash(String resumeToken) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(resumeToken.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
