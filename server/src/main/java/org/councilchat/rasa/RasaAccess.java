package org.councilchat.rasa;

import org.councilchat.engine.RasaProperties;

/**
 * Who may use the Rasa-compatible API, decided once at start-up: callers holding the token or a JWT signed with
 * the secret when either is set; anyone in the demo; nobody otherwise, since an open API outside the demo lets any
 * stranger run the bot and fill the database.
 */
enum RasaAccess {
    SECURED,
    OPEN_IN_THE_DEMO,
    OFF;

    static RasaAccess of(RasaProperties.Server server, boolean demo) {
        if (!server.token().isBlank() || !server.jwtSecret().isBlank()) {
            return SECURED;
        }
        return demo ? OPEN_IN_THE_DEMO : OFF;
    }

    /** The start-up log line saying which, and why. */
    String explanation(String basePath) {
        return switch (this) {
            case SECURED -> "Rasa-compatible API at " + basePath + ": on, for callers with its token or JWT";
            case OPEN_IN_THE_DEMO ->
                "Rasa-compatible API at " + basePath + ": open to anyone (demo profile, with the"
                        + " widget's limits); set council-chat.rasa.server.token or jwt-secret to require one";
            case OFF ->
                "Rasa-compatible API at " + basePath + ": off, since neither council-chat.rasa.server.token"
                        + " nor jwt-secret is set; outside the demo it needs one";
        };
    }
}
