package org.councilchat.knowledge;

/** What an editor did to the knowledge base, as the audit records it. */
public enum EditorAction {
    CREATED("Created"),
    EDITED("Edited"),
    PUBLISHED("Published"),
    UNPUBLISHED("Unpublished"),
    ARCHIVED("Archived"),
    REVERTED("Reverted"),
    SENT_FOR_REVIEW("Sent for review"),
    APPROVED("Approved"),
    SENT_BACK("Sent back from review"),
    IMPORTED("Imported"),
    CRAWL_STARTED("Started a crawl"),
    CRAWL_FINISHED("Crawl finished");

    private final String label;

    EditorAction(String label) {
        this.label = label;
    }

    /** How the audit page names the action. */
    public String label() {
        return label;
    }

    /**
     * The action a save amounts to, from the status before (null for a new FAQ) and after: a change of status
     * is what matters most to residents, so it names the action; otherwise it is an edit.
     */
    public static EditorAction ofSave(Faq.FaqStatus before, Faq.FaqStatus after) {
        if (before == null) {
            return CREATED;
        }
        if (before != after) {
            return switch (after) {
                case PUBLISHED -> PUBLISHED;
                case ARCHIVED -> ARCHIVED;
                case DRAFT -> UNPUBLISHED;
            };
        }
        return EDITED;
    }
}
