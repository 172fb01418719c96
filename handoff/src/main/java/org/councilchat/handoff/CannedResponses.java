package org.councilchat.handoff;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.councilchat.handoff.canned.CannedResponseRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The canned responses supervisors keep for agents. Every change is recorded with who made it and when, and
 * the record outlives a deleted response.
 */
@Service
public class CannedResponses {

    /** The longest title, in characters. */
    public static final int MAX_TITLE = 100;

    /** The longest text: what an agent may send in one message. */
    public static final int MAX_TEXT = 2000;

    private final CannedResponseRepository repository;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public CannedResponses(CannedResponseRepository repository, TransactionTemplate transactions, Clock clock) {
        this.repository = repository;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Every canned response, by title. */
    public List<CannedResponse> all() {
        return repository.all();
    }

    /** The contact centre's own responses and those of these councils (what one member of staff sees), by title. */
    public List<CannedResponse> forCouncils(Set<String> councilIds) {
        return repository.all().stream()
                .filter(response -> response.councilId() == null || councilIds.contains(response.councilId()))
                .toList();
    }

    public Optional<CannedResponse> find(long id) {
        return repository.find(id);
    }

    /** What is wrong with a title and text, field by field; empty when they can be saved. */
    public static List<Problem> problems(String title, String text) {
        List<Problem> problems = new ArrayList<>();
        String t = title == null ? "" : title.strip();
        String x = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            problems.add(new Problem("title", "Enter a title, so agents can find the response"));
        } else if (t.length() > MAX_TITLE) {
            problems.add(new Problem("title", "Title must be " + MAX_TITLE + " characters or fewer"));
        }
        if (x.isEmpty()) {
            problems.add(new Problem("text", "Enter the text agents will send"));
        } else if (x.codePointCount(0, x.length()) > MAX_TEXT) {
            problems.add(new Problem("text", "Text must be 2,000 characters or fewer"));
        }
        return problems;
    }

    /**
     * Adds a canned response for every council's chats.
     *
     * @throws IllegalArgumentException when {@link #problems} finds any
     */
    public CannedResponse add(String title, String text, String staffUsername) {
        return add(title, text, null, staffUsername);
    }

    /**
     * Adds a canned response for one council's chats ({@code councilId}), or for every council's (null).
     *
     * @throws IllegalArgumentException when {@link #problems} finds any
     */
    public CannedResponse add(String title, String text, String councilId, String staffUsername) {
        requireValid(title, text);
        return transactions.execute(status -> {
            long id = repository.insert(title.strip(), text.strip(), councilId, staffUsername, clock.instant());
            repository.recordChange(id, "CREATED", title.strip(), councilId, staffUsername, clock.instant());
            return repository.find(id).orElseThrow();
        });
    }

    /** Changes a canned response; false when there is no such response (deleted meanwhile). */
    public boolean change(long id, String title, String text, String staffUsername) {
        requireValid(title, text);
        return Boolean.TRUE.equals(transactions.execute(status -> {
            Optional<CannedResponse> existing = repository.find(id);
            if (existing.isEmpty()
                    || !repository.update(id, title.strip(), text.strip(), staffUsername, clock.instant())) {
                return false;
            }
            repository.recordChange(
                    id, "UPDATED", title.strip(), existing.get().councilId(), staffUsername, clock.instant());
            return true;
        }));
    }

    /** Deletes a canned response; false when it was already gone. */
    public boolean delete(long id, String staffUsername) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            Optional<CannedResponse> existing = repository.find(id);
            if (existing.isEmpty() || !repository.delete(id)) {
                return false;
            }
            repository.recordChange(
                    id, "DELETED", existing.get().title(), existing.get().councilId(), staffUsername, clock.instant());
            return true;
        }));
    }

    /** The most recent changes to the contact centre's responses and to these councils', newest first. */
    public List<Change> recentChanges(int limit, Set<String> councilIds) {
        return repository.changes(limit, councilIds);
    }

    private static void requireValid(String title, String text) {
        if (!problems(title, text).isEmpty()) {
            throw new IllegalArgumentException("A canned response needs a title and text within the limits");
        }
    }

    /** One thing to fix, and the form field it is about. */
    public record Problem(String field, String message) {}

    /** Who created, changed or deleted a canned response, and when. */
    public record Change(long responseId, String action, String title, String changedBy, Instant changedAt) {}
}
