package org.councilchat.webchat;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the resident web chat ({@code council-chat.webchat.*}).
 *
 * @param allowedOrigins the web sites (scheme://host[:port]) allowed to open the resident WebSocket; the
 *     chat server's own origin is always allowed
 * @param councilName the council's name, shown in the widget
 * @param privacyUrl the council's privacy notice for the chat, linked before the first message
 * @param resumeEndedChatFor how long after a chat ended its resume token still brings back its transcript (a
 *     reload, the rating); after that the token starts a new chat and the widget forgets the old one
 */
@ConfigurationProperties("council-chat.webchat")
public record WebchatProperties(
        @DefaultValue List<String> allowedOrigins,
        @DefaultValue("Your council") String councilName,
        @DefaultValue("/privacy") String privacyUrl,
        @DefaultValue("30m") Duration resumeEndedChatFor) {}
