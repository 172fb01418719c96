package org.councilchat.engine.rules;

import java.util.Map;

/**
 * Each council's conversation rules: its own file where its settings name one (its links, its numbers, its
 * services), else the deployment's. Each file is read, checked and watched on its own, so a mistake in one
 * council's copy leaves the others' as they are.
 *
 * @param deployment the rules of {@code council-chat.engine.conversation-rules}
 * @param byCouncil the rules of the councils with a file of their own, by council id
 */
public record CouncilConversationRules(LiveConversationRules deployment, Map<String, LiveConversationRules> byCouncil)
        implements AutoCloseable {

    public CouncilConversationRules {
        byCouncil = Map.copyOf(byCouncil);
    }

    /** The same rules for every council. */
    public static CouncilConversationRules everywhere(LiveConversationRules rules) {
        return new CouncilConversationRules(rules, Map.of());
    }

    /** The rules in use for this council's residents now; the deployment's for null or a council without its own. */
    public ConversationRules current(String councilId) {
        return (councilId == null ? deployment : byCouncil.getOrDefault(councilId, deployment)).current();
    }

    /** Whether this council has a rules file of its own. */
    public boolean ownedBy(String councilId) {
        return councilId != null && byCouncil.containsKey(councilId);
    }

    @Override
    public void close() {
        deployment.close();
        byCouncil.values().forEach(LiveConversationRules::close);
    }
}
