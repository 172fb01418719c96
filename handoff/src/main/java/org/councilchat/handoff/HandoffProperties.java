package org.councilchat.handoff;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of conversations and the agent queue ({@code council-chat.handoff.*}).
 *
 * @param maxMessageLength the longest message, in characters, a resident or agent may send
 * @param maxChatsPerAgent how many chats one agent may have at once
 * @param agentGracePeriod how long an agent's chats wait for them after their console's last connection drops,
 *     before going back to the front of the queue
 * @param skills the council's services (skills): what an agent may pass a chat back to the queue for, what agents
 *     can be good at, and what the bot's {@code service} finding routes a chat by
 * @param assignment how waiting chats reach agents: agents accept them from the queue ({@code offer}), or each is
 *     given to the fittest free agent as soon as there is one ({@code auto})
 */
@ConfigurationProperties("council-chat.handoff")
public record HandoffProperties(
        @DefaultValue("2000") int maxMessageLength,
        @DefaultValue("3") int maxChatsPerAgent,
        @DefaultValue("60s") Duration agentGracePeriod,

        @DefaultValue({
            "waste",
            "council-tax",
            "highways",
            "environmental-health",
            "benefits",
            "housing",
            "parking",
            "planning",
            "libraries",
            "registrations",
            "education",
            "social-care"
        })
        List<String> skills,

        @DefaultValue("offer") Assignment assignment) {

    /** How waiting chats reach agents. */
    public enum Assignment {
        /** Agents see the queue and accept chats from it. */
        OFFER,
        /** Each waiting chat is given to the fittest free agent, who gets it as if they had accepted it. */
        AUTO
    }
}
