package org.councilchat.knowledge;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.Comparator;
import java.util.List;
import org.councilchat.knowledge.faq.FaqRepository;
import org.councilchat.knowledge.transfer.FaqRows;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * FAQ files in and out (CSV and JSON Lines). An import checks the whole file before saving anything, then
 * saves every FAQ in one transaction and updates the index once: all of the file or none of it.
 */
@Service
public class FaqTransfer {

    /**
     * What an import did: FAQs new to the knowledge base and FAQs it replaced (same id), and of them the published ones
     * sent for review instead, for a council that checks answers before residents see them.
     */
    public record Imported(int created, int replaced, int sentForReview) {

        /** An import that sent nothing for review. */
        public Imported(int created, int replaced) {
            this(created, replaced, 0);
        }
    }

    private final KnowledgeBase knowledge;
    private final FaqReviews reviews;
    private final FaqRepository faqs;
    private final TransactionTemplate transactions;

    /** Without reviews: every council's imported FAQs are saved as the file says (tests, a single council). */
    public FaqTransfer(KnowledgeBase knowledge, FaqRepository faqs, PlatformTransactionManager transactionManager) {
        this(knowledge, faqs, transactionManager, null);
    }

    @Autowired
    public FaqTransfer(
            KnowledgeBase knowledge,
            FaqRepository faqs,
            PlatformTransactionManager transactionManager,
            FaqReviews reviews) {
        this.reviews = reviews;
        this.knowledge = knowledge;
        this.faqs = faqs;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * @param fileName named in problems
     * @param publishUnmarked rows without a status are published rather than left as drafts
     * @throws FaqImportInvalid naming every problem; nothing was saved
     */
    public Imported importFaqs(
            Reader in, String fileName, FaqFileFormat format, boolean publishUnmarked, String editor) {
        return importFaqs(in, fileName, format, publishUnmarked, editor, null);
    }

    /**
     * As {@link #importFaqs(Reader, String, FaqFileFormat, boolean, String)}, as this council's FAQs (null: the
     * first council's).
     */
    public Imported importFaqs(
            Reader in,
            String fileName,
            FaqFileFormat format,
            boolean publishUnmarked,
            String editor,
            String councilId) {
        FaqRows.Read read = FaqRows.read(in, fileName, format, publishUnmarked);
        if (!read.problems().isEmpty()) {
            throw new FaqImportInvalid(read.problems());
        }
        if (read.drafts().isEmpty()) {
            throw new FaqImportInvalid(List.of(fileName + ": holds no FAQs"));
        }
        Imported imported = transactions.execute(transaction -> {
            int replaced = 0;
            int sentForReview = 0;
            for (FaqDraft row : read.drafts()) {
                FaqDraft draft = councilId == null ? row : row.forCouncil(councilId);
                if (faqs.findById(draft.id()).isPresent()) {
                    replaced++;
                }
                if (reviews != null
                        && draft.status() == Faq.FaqStatus.PUBLISHED
                        && reviews.required(draft.councilId())) {
                    // A file's answers are read by a second editor like the form's before residents get them.
                    reviews.send(draft, editor);
                    sentForReview++;
                } else {
                    knowledge.store(draft, editor);
                }
            }
            Imported done = new Imported(read.drafts().size() - replaced, replaced, sentForReview);
            knowledge.publish(new FaqsImported(fileName, done.created(), done.replaced(), editor));
            return done;
        });
        knowledge.synchroniseIndex();
        return imported;
    }

    /** Writes every FAQ, whatever its status, ordered by id, in a form {@link #importFaqs} reads back. */
    public int export(FaqFileFormat format, Writer out) throws IOException {
        return export(format, out, null);
    }

    /** As {@link #export(FaqFileFormat, Writer)}, this council's FAQs only (null: every council's). */
    public int export(FaqFileFormat format, Writer out, String councilId) throws IOException {
        List<Faq> all = faqs.findAll().stream()
                .filter(faq -> councilId == null || councilId.equals(faq.councilId()))
                .sorted(Comparator.comparing(Faq::id))
                .toList();
        FaqRows.write(all, format, out);
        return all.size();
    }
}
