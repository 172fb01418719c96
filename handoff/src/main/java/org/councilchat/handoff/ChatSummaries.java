package org.councilchat.handoff;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.councilchat.knowledge.Faq;
import org.councilchat.knowledge.KnowledgeBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;

/**
 * Puts what the bot learned ({@code Findings} as stored with a chat) into the words the agent console shows, so
 * the console has no table of its own to drift from the server's: the labels are in
 * {@code console/labels.properties}, and an intent or service without a line there is shown from its id.
 */
@Component
public class ChatSummaries {

    /** The findings shown as facts, in this order; the rest (the intent, its confidence, the topic) are not. */
    private static final List<String> FACTS = List.of(
            "safeguarding",
            "service",
            "postcode",
            "address",
            "uprn",
            "answeredFaq",
            "missedBinReport",
            "caseReference",
            "name",
            "contact");

    private final MessageSource labels;
    private final Function<String, Optional<String>> faqQuestion;

    @Autowired
    public ChatSummaries(KnowledgeBase knowledge) {
        this(id -> knowledge.find(id).map(Faq::question));
    }

    /** @param faqQuestion the question of an FAQ, by id (the answer the bot gave is named by its question) */
    ChatSummaries(Function<String, Optional<String>> faqQuestion) {
        ResourceBundleMessageSource bundle = new ResourceBundleMessageSource();
        bundle.setBasename("console/labels");
        bundle.setDefaultEncoding("UTF-8");
        bundle.setFallbackToSystemLocale(false);
        this.labels = bundle;
        this.faqQuestion = faqQuestion;
    }

    /**
     * @param context the bot's findings as stored with the chat
     * @param reason why it came to a person ({@code RESIDENT_ASKED}, {@code BOT_COULD_NOT_HELP},
     *     {@code SAFEGUARDING}), or null
     * @param service the service it is routed by, when an agent passed it back for one (else the bot's)
     */
    public ChatSummary of(Map<String, String> context, String reason, String service) {
        Map<String, String> found = context == null ? Map.of() : context;
        List<ChatSummary.Fact> facts = new ArrayList<>();
        for (String key : FACTS) {
            String value = "service".equals(key) && service != null ? service : found.get(key);
            if (value != null && !value.isBlank()) {
                facts.add(new ChatSummary.Fact(key, label("fact." + key, key), shown(key, value)));
            }
        }
        boolean urgent = "SAFEGUARDING".equals(reason) || found.get("safeguarding") != null;
        return new ChatSummary(topic(found, reason), facts, urgent);
    }

    /** What an agent is told about a waiting chat: its findings, why it came to a person and its service. */
    public ChatSummary of(WaitingChat chat) {
        return of(chat.context(), chat.reason(), chat.service());
    }

    /** A service (skill) as agents read it: {@code council-tax} as "Council tax". */
    public String serviceName(String service) {
        return label("service." + service, service);
    }

    private String topic(Map<String, String> found, String reason) {
        String topic = found.get("topic");
        String about = topic == null ? null : label("topic." + topic, topic);
        String concern = found.get("safeguarding") == null ? "" : concern(found.get("safeguarding"));
        String why = reason == null || reason.isBlank() ? null : reason;
        if (why == null) {
            return about;
        }
        if (about != null) {
            return message("reason." + why + ".after", new Object[] {about, concern})
                    .orElseGet(() -> about + " (" + words(why).toLowerCase(Locale.UK) + ")");
        }
        return message("reason." + why, new Object[] {"", concern}).orElseGet(() -> words(why));
    }

    private String shown(String key, String value) {
        return switch (key) {
            case "service" -> label("service." + value, value);
            case "safeguarding" -> capitalised(concern(value));
            case "answeredFaq" -> faqQuestion.apply(value).orElse(value);
            default -> value;
        };
    }

    private String concern(String kind) {
        return message("concern." + kind, null).orElseGet(() -> words(kind).toLowerCase(Locale.UK));
    }

    private String label(String key, String id) {
        return message(key, null).orElseGet(() -> words(id));
    }

    private Optional<String> message(String key, Object[] arguments) {
        try {
            return Optional.of(labels.getMessage(key, arguments, Locale.UK));
        } catch (NoSuchMessageException unknown) {
            return Optional.empty();
        }
    }

    /** "council_tax_moving" or "RESIDENT_LEFT" as "Council tax moving", "Resident left". */
    static String words(String id) {
        String spaced = id.replaceAll("([a-z0-9])([A-Z])", "$1 $2")
                .replaceAll("[_\\-.]+", " ")
                .strip()
                .toLowerCase(Locale.UK);
        return capitalised(spaced);
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
