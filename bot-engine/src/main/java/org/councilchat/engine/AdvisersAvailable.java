package org.councilchat.engine;

/**
 * Whether an adviser for a council is signed in to the agent console and taking chats. Implemented by the handoff
 * module, which sees their connections; the bot asks before queueing a resident, so nobody waits for no one, and
 * asks for the resident's council (or the one providing the service), since a shared contact centre's advisers
 * for one council cannot take another's chats.
 */
@FunctionalInterface
public interface AdvisersAvailable {

    /** For a bot without a console (tests, tools): advisers are assumed to be there in opening hours. */
    AdvisersAvailable ALWAYS = councilId -> true;

    /** True when an adviser who serves this council is online and not away; any council's adviser for null. */
    boolean availableFor(String councilId);
}
