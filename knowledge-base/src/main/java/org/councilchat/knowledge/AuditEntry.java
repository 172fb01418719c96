package org.councilchat.knowledge;

import java.time.OffsetDateTime;

/** One audited editor action: when, who, what, on which FAQ (null for a crawl or an import) and in short. */
public record AuditEntry(OffsetDateTime at, String editor, EditorAction action, String faqId, String summary) {}
