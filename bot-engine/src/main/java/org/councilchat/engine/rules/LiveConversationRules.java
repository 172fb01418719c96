package org.councilchat.engine.rules;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;

/**
 * The conversation rules in use, replaced while the bot runs when the council edits its rules file. A file that
 * fails its checks is refused and the rules in use stay, so a mistake never takes the bot down; the reason is
 * logged and kept for {@link #lastProblem()}. Each conversation turn reads {@link #current()} once, so a turn never
 * mixes old and new rules.
 */
public final class LiveConversationRules implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveConversationRules.class);

    private final Resource source;
    private final ConversationRules.Checks checks;
    private final AtomicReference<ConversationRules> current;
    private final AtomicReference<String> lastProblem = new AtomicReference<>();
    private final ScheduledExecutorService watcher;
    private volatile long lastModified;

    private LiveConversationRules(
            Resource source, ConversationRules.Checks checks, ConversationRules first, Duration checkEvery) {
        this.source = source;
        this.checks = checks;
        this.current = new AtomicReference<>(first);
        this.lastModified = modified(source);
        if (source != null && isFile(source) && !checkEvery.isZero()) {
            watcher = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "conversation-rules-watcher");
                thread.setDaemon(true);
                return thread;
            });
            long every = checkEvery.toMillis();
            watcher.scheduleWithFixedDelay(this::reloadIfChanged, every, every, TimeUnit.MILLISECONDS);
        } else {
            watcher = null;
        }
    }

    /**
     * Reads the rules and, when they are in a file (not inside the application), watches it for changes.
     *
     * @throws ConversationRulesInvalid when the rules cannot be used: the application must not start without them
     */
    public static LiveConversationRules watching(
            Resource source, String location, ConversationRules.Checks checks, Duration checkEvery) {
        ConversationRules first = read(source, location, checks);
        log.info("Conversation rules: {} rules from {}", first.rules().size(), location);
        return new LiveConversationRules(source, checks, first, checkEvery);
    }

    /** Rules that never change, for tests and tools. */
    public static LiveConversationRules fixed(ConversationRules rules) {
        return new LiveConversationRules(null, null, rules, Duration.ZERO);
    }

    public ConversationRules current() {
        return current.get();
    }

    /** Why the last change to the file was refused, or null when the file in use is the latest. */
    public String lastProblem() {
        return lastProblem.get();
    }

    /**
     * Reads the file again now. On a problem the rules in use stay.
     *
     * @return the rules now in use
     * @throws ConversationRulesInvalid when the file was refused, saying why
     */
    public ConversationRules reload() {
        if (source == null) {
            return current();
        }
        lastModified = modified(source);
        try {
            ConversationRules next = read(source, describe(source), checks);
            current.set(next);
            lastProblem.set(null);
            log.info(
                    "Conversation rules reloaded: {} rules from {}",
                    next.rules().size(),
                    describe(source));
            return next;
        } catch (ConversationRulesInvalid problem) {
            lastProblem.set(problem.getMessage());
            log.warn(
                    "Conversation rules not reloaded; the {} rules in use stay. {}",
                    current().rules().size(),
                    problem.getMessage());
            throw problem;
        }
    }

    private void reloadIfChanged() {
        if (modified(source) == lastModified) {
            return;
        }
        try {
            reload();
        } catch (ConversationRulesInvalid refused) {
            // Logged by reload; the rules in use stay until the file is put right.
        } catch (RuntimeException unexpected) {
            log.warn("Could not check the conversation rules file {}: {}", describe(source), unexpected.toString());
        }
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.shutdownNow();
        }
    }

    private static ConversationRules read(Resource source, String location, ConversationRules.Checks checks) {
        try (InputStream in = source.getInputStream()) {
            return ConversationRules.read(in, location, checks);
        } catch (IOException e) {
            throw new ConversationRulesInvalid(
                    "Cannot read the conversation rules " + location + ": " + e.getMessage());
        }
    }

    private static boolean isFile(Resource resource) {
        try {
            return resource.isFile() && !resource.getURL().getProtocol().equals("jar");
        } catch (IOException e) {
            return false;
        }
    }

    private static long modified(Resource resource) {
        try {
            return resource == null ? 0 : resource.lastModified();
        } catch (IOException e) {
            return -1;
        }
    }

    private static String describe(Resource resource) {
        return resource.getDescription();
    }
}
