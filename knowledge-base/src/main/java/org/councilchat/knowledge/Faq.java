package org.councilchat.knowledge;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One question a resident might ask, with the council's answer. {@code answerHtml} is always within the
 * safe subset (p, ul, ol, li, a[href], strong, em, h3): it is cleaned on every save.
 */
public record Faq(
        String id,
        String serviceArea,
        String question,
        List<String> phrasings,
        String answerHtml,
        String sourceUrl,
        FaqStatus status,
        String language,
        int version,
        OffsetDateTime updatedAt,
        String updatedBy) {

    public Faq {
        phrasings = List.copyOf(phrasings);
    }

    /** Where an FAQ is in its life: only published FAQs are searched. */
    public enum FaqStatus {
        DRAFT,
        PUBLISHED,
        ARCHIVED
    }
}
