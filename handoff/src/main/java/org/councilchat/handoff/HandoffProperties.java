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
 * @param consoleHeartbeat how often each server rewrites, in the database, the heartbeat of the agent consoles
 *     connected to it; a console whose heartbeat is three times this old is taken to be gone with its server
 * @param nodeId this server's name among several sharing one database; blank for one made up at start (host name,
 *     process id and a random part), which is all one server needs
 * @param residentGracePeriod how long a resident waiting for or chatting with an agent may have no page open (a
 *     closed tab, a lost signal) before they count as gone: out of the queue, or "has left" on the agent's chat
 * @param urgentAlertAfter how long an urgent chat (a disclosure of risk) may wait before the supervisor's live
 *     view raises an alert for it
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

        @DefaultValue("offer") Assignment assignment,
        @DefaultValue("5s") Duration consoleHeartbeat,
        String nodeId,
        @DefaultValue("2m") Duration residentGracePeriod,
        @DefaultValue("2m") Duration urgentAlertAfter) {

    /** How long after its last heartbeat a console connection counts as gone (its server stopped or died). */
    public Duration consoleGoneAfter() {
        return consoleHeartbeat.multipliedBy(3);
    }

    /** How waiting chats reach agents. */
    public enum Assignment {
        /** Agents see the queue and accept chats from it. */
        OFFER,
        /** Each waiting chat is given to the fittest free agent, who gets it as if they had accepted it. */
        AUTO
    }
}
