package org.councilchat.engine;

/**
 * Whether any adviser is signed in to the agent console and taking chats. Implemented by the handoff module,
 * which sees their connections; the bot asks before queueing a resident, so nobody waits for no one.
 */
@FunctionalInterface
public interface AdvisersAvailable {

    /** For a bot without a console (tests, tools): advisers are assumed to be there in opening hours. */
    AdvisersAvailable ALWAYS = () -> true;

    boolean anyoneAvailable();
}
