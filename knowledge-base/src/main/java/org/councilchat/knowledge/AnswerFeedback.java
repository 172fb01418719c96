package org.councilchat.knowledge;

/**
 * What residents' conversations tell editors about the knowledge base: questions the bot found no confident
 * answer to, and whether an answer it gave helped. Editors see both as content gaps and per-FAQ ratings.
 * Residents' words are personal data: implementations redact contact details and card numbers before storing
 * them, and keep them only as long as the council's retention setting allows. Each is kept with the council whose
 * resident asked ({@code councilId}): that council's editors see it, no other's.
 */
public interface AnswerFeedback {

    /** The bot had no FAQ it was confident of for these words. */
    void unanswered(String councilId, String residentWords, String language);

    /**
     * The resident answered "Did this answer your question?" about an FAQ the bot gave them.
     *
     * @param residentWords the question the FAQ was given for
     */
    void rated(String councilId, String faqId, boolean helped, String residentWords, String language);

    /**
     * The resident asked in Welsh and the council has no Welsh FAQ that answers: the bot gave this English one,
     * saying it is only in English. Editors see it as a gap: the FAQ has no Welsh version.
     *
     * @param language the language asked in ({@code cy})
     */
    void answeredOnlyInEnglish(String councilId, String faqId, String residentWords, String language);
}
