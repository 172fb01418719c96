package org.councilchat.knowledge;

import java.time.OffsetDateTime;

/**
 * A change to an FAQ waiting for a second editor: what the FAQ would say once approved ({@code change}, its answer
 * already cleaned as a save cleans it), the FAQ's version it was made on, and who sent it when.
 *
 * @param baseVersion the FAQ's version when the change was sent; approving it is refused once the FAQ has moved on
 */
public record FaqReview(FaqDraft change, int baseVersion, String sentBy, OffsetDateTime sentAt) {

    public String faqId() {
        return change.id();
    }

    /** Whether {@code editor} may approve it: anyone of the council's editors but the person who sent it. */
    public boolean approvableBy(String editor) {
        return !sentBy.equals(editor);
    }
}
