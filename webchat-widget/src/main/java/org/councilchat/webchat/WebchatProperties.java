package org.councilchat.webchat;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the resident web chat ({@code council-chat.webchat.*}).
 *
 * <p>Each council's name, web sites and privacy notice are {@code council-chat.councils}.
 *
 * @param resumeEndedChatFor how long after a chat ended its resume token still brings back its transcript (a
 *     reload, the rating); after that the token starts a new chat and the widget forgets the old one
 */
@ConfigurationProperties("council-chat.webchat")
public record WebchatProperties(@DefaultValue("30m") Duration resumeEndedChatFor) {}
