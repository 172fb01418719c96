package org.councilchat.knowledge;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.Comparator;
import java.util.List;
import org.councilchat.knowledge.faq.FaqRepository;
import org.councilchat.knowledge.transfer.FaqRows;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * FAQ files in and out (CSV and JSON Lines). An import checks the whole file before saving anything, then
 * saves every FAQ in one transaction and updates the index once: all of the file or none of it.
 */
@Service
public class FaqTransfer {

    /** What an import did: FAQs new to the knowledge base and FAQs it replaced (same id). */
    public record Imported(int created, int replaced) {}

    private final KnowledgeBase knowledge;
    private final FaqRepository faqs;
    private final TransactionTemplate transactions;

    public FaqTransfer(KnowledgeBase knowledge, FaqRepository faqs, PlatformTransactionManager transactionManager) {
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
            for (FaqDraft row : read.drafts()) {
                FaqDraft draft = councilId == null ? row : row.forCouncil(councilId);
                if (faqs.findById(draft.id()).isPresent()) {
                    replaced++;
                }
                knowledge.store(draft, editor);
            }
            Imported done = new Imported(read.drafts().size() - replaced, replaced);
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
