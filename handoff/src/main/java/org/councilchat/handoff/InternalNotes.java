package org.councilchat.handoff;

import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.councilchat.handoff.transcript.ChatNoteRepository;
import org.councilchat.knowledge.TypedText;
import org.springframework.stereotype.Service;

/**
 * Notes staff write on a chat for each other. They are stored apart from the transcript and only ever sent to
 * agents' own queues, so a resident never sees one; the next agent to take the chat sees them all.
 */
@Service
public class InternalNotes {

    /** The longest note, in characters. */
    public static final int MAX_NOTE = 2000;

    private final ChatNoteRepository notes;
    private final Handoffs handoffs;
    private final AgentDirectory agents;
    private final Clock clock;

    public InternalNotes(ChatNoteRepository notes, Handoffs handoffs, AgentDirectory agents, Clock clock) {
        this.notes = notes;
        this.handoffs = handoffs;
        this.agents = agents;
        this.clock = clock;
    }

    /**
     * Adds a note to a chat the agent holds.
     *
     * @throws ChatRejected with code note-empty, note-too-long, not-your-chat or unknown-conversation
     */
    public ChatNote write(String conversationId, Principal agent, String text) {
        if (TypedText.isBlank(text)) {
            throw new ChatRejected("note-empty");
        }
        Conversation chat = handoffs.heldBy(conversationId, agent);
        String kept = TypedText.cleaned(text, Locale.forLanguageTag(chat.language()));
        if (kept.codePointCount(0, kept.length()) > MAX_NOTE) {
            throw new ChatRejected("note-too-long");
        }
        String author = agents.agentName(agent).orElseThrow(() -> new ChatRejected("not-an-agent"));
        return notes.add(chat.id(), ChatNote.Kind.NOTE, agent.getName(), author, kept, clock.instant());
    }

    /** Every note on the chat, oldest first. */
    public List<ChatNote> of(String conversationId) {
        return notes.of(conversationId);
    }
}
