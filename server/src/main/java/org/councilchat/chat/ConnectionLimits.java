package org.councilchat.chat;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a chat connection may stay unfinished, and how many one resident's address may hold
 * ({@code council-chat.chat.*}). A connection that never says STOMP CONNECT, or begins a frame and never
 * finishes it, costs the server memory for nothing; these limits close it.
 *
 * @param connectTimeout how long a new connection has to complete STOMP CONNECT (the widget does at once)
 * @param frameTimeout how long a STOMP frame begun in one WebSocket message may wait for the rest
 * @param maxConnectionsPerAddress how many resident connections one client address may hold at once; behind a
 *     proxy this needs {@code server.forward-headers-strategy}, or every resident counts as the proxy
 */
@ConfigurationProperties("council-chat.chat")
record ConnectionLimits(
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("10s") Duration frameTimeout,
        @DefaultValue("50") int maxConnectionsPerAddress) {

    ConnectionLimits {
        if (connectTimeout.isNegative()
                || connectTimeout.isZero()
                || frameTimeout.isNegative()
                || frameTimeout.isZero()) {
            throw new IllegalArgumentException("council-chat.chat.connect-timeout and frame-timeout must be positive");
        }
        if (maxConnectionsPerAddress < 1) {
            throw new IllegalArgumentException("council-chat.chat.max-connections-per-address must be at least 1");
        }
    }
}
