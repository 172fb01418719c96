package org.councilchat.knowledge.editor;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.councilchat.knowledge.Faq;
import org.councilchat.knowledge.FaqDraft;
import org.councilchat.knowledge.FaqReview;

/** The edit form as posted; phrasings are one per line, the review date as yyyy-mm-dd (a date field). */
record FaqForm(
        String question,
        String phrasings,
        String answerHtml,
        String serviceArea,
        String sourceUrl,
        String status,
        String owner,
        String reviewBy,
        String language,
        String translationOf,
        String council) {

    /** The form showing a change waiting for review, for the reviewer to read and the sender to go on with. */
    static FaqForm of(FaqReview review) {
        return of(review.change());
    }

    static FaqForm of(Faq faq) {
        return of(FaqDraft.of(faq));
    }

    private static FaqForm of(FaqDraft faq) {
        return new FaqForm(
                faq.question(),
                String.join("\n", faq.phrasings()),
                faq.answerHtml(),
                faq.serviceArea(),
                faq.sourceUrl(),
                faq.status().name(),
                faq.owner(),
                faq.reviewBy() == null ? "" : faq.reviewBy().toString(),
                faq.language(),
                faq.translationOf() == null ? "" : faq.translationOf(),
                faq.councilId());
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (question == null || question.isBlank()) {
            problems.add("Enter the question residents ask");
        }
        if (answerHtml == null || answerHtml.isBlank()) {
            problems.add("Enter the answer");
        }
        if (sourceUrl != null && !sourceUrl.isBlank() && !sourceUrl.startsWith("https://")) {
            problems.add("The source page must be a web address starting https://");
        }
        if (status == null
                || Arrays.stream(Faq.FaqStatus.values()).noneMatch(s -> s.name().equals(status))) {
            problems.add("Choose a status");
        }
        if (reviewBy != null && !reviewBy.isBlank() && reviewDate() == null) {
            problems.add("The review date must be a real date, for example 1 3 2027");
        }
        return problems;
    }

    private LocalDate reviewDate() {
        try {
            return reviewBy == null || reviewBy.isBlank() ? null : LocalDate.parse(reviewBy.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    FaqDraft toDraft(String id, String councilId) {
        return new FaqDraft(
                id,
                serviceArea,
                question,
                phrasings == null ? List.of() : Arrays.asList(phrasings.split("\\R")),
                answerHtml,
                sourceUrl == null || sourceUrl.isBlank() ? null : sourceUrl.strip(),
                Faq.FaqStatus.valueOf(status),
                // Residents' chats in Welsh are answered from Welsh FAQs: an edit must not turn one English.
                "cy".equals(language) ? "cy" : "en",
                owner,
                reviewDate(),
                translationOf,
                councilId);
    }
}
