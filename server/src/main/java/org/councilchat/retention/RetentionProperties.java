package org.councilchat.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long residents' personal data is kept ({@code council-chat.retention.*}); set it from the council's own
 * retention schedule.
 *
 * @param conversations how long a conversation (its transcript, notes, rating and what the bot learned in it)
 *     is kept after it was last touched, and a message a resident left after staff closed it
 */
@ConfigurationProperties("council-chat.retention")
public record RetentionProperties(@DefaultValue("365d") Duration conversations) {

    public RetentionProperties {
        if (conversations.isNegative() || conversations.isZero()) {
            throw new IllegalArgumentException("council-chat.retention.conversations must be a positive duration");
        }
    }
}
