package org.councilchat.engine.dialogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;
import org.councilchat.councils.Council;
import org.councilchat.engine.BotReply;
import org.councilchat.engine.BotReply.QuickReply;
import org.councilchat.engine.BotTurn;
import org.councilchat.engine.CaseIntake.NewCase;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Runs the conversation scripts in {@code src/test/resources/conversations/*.yml}: one dynamic test per
 * script, each against a fresh {@link Millbrook}. The format is described in that folder's README.md.
 */
class ConversationScriptTests {

    /** Wednesday 7 January 2026, 09:00 in London: the contact centre has just opened. */
    private static final Instant DEFAULT_NOW = Instant.parse("2026-01-07T09:00:00Z");

    /** From Ofcom's range for drama, so no real line is ever shown by a test or the demo. */
    static final String DUTY_NUMBER = "01632 960 000";

    private static final List<String> STEP_KEYS = List.of(
            "say",
            "press",
            "restart",
            "language",
            "bot",
            "says",
            "notSays",
            "contains",
            "lines",
            "links",
            "buttons",
            "hasButtons",
            "intent",
            "handoff",
            "replyLanguage",
            "case",
            "findings",
            "rated",
            "unanswered",
            "comment");

    @TestFactory
    Stream<DynamicNode> conversations() throws IOException, URISyntaxException {
        URL folder = ConversationScriptTests.class.getResource("/conversations");
        assertThat(folder).as("src/test/resources/conversations").isNotNull();
        List<Path> files;
        try (Stream<Path> listed = Files.list(Path.of(folder.toURI()))) {
            files = listed.filter(path -> path.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream().map(ConversationScriptTests::file);
    }

    @TestFactory
    Stream<DynamicNode> thereAreAtLeastFortyScripts() throws IOException, URISyntaxException {
        URL folder = ConversationScriptTests.class.getResource("/conversations");
        int count = 0;
        try (Stream<Path> listed = Files.list(Path.of(folder.toURI()))) {
            for (Path path : listed.filter(p -> p.toString().endsWith(".yml")).toList()) {
                count += scripts(path).size();
            }
        }
        int scripts = count;
        return Stream.of(DynamicTest.dynamicTest(
                scripts + " scripts", () -> assertThat(scripts).isGreaterThanOrEqualTo(40)));
    }

    private static DynamicContainer file(Path path) {
        return DynamicContainer.dynamicContainer(
                path.getFileName().toString(),
                path.toUri(),
                scripts(path).stream()
                        .map(script -> DynamicTest.dynamicTest(
                                String.valueOf(script.get("name")), path.toUri(), () -> run(script))));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> scripts(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            assertThat(loaded)
                    .as("%s must be a list of scripts", path.getFileName())
                    .isInstanceOf(List.class);
            return (List<Map<String, Object>>) loaded;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static void run(Map<String, Object> script) throws IOException {
        Instant now = script.containsKey("at") ? instant(script.get("at")) : DEFAULT_NOW;
        Map<String, Object> settings = new HashMap<>();
        settings.put("council-chat.engine.emergency-duty-number", DUTY_NUMBER);
        ((Map<String, Object>) script.getOrDefault("settings", Map.of()))
                .forEach((key, value) -> settings.put("council-chat.engine." + key, value));
        Locale language = locale(String.valueOf(script.getOrDefault("language", "en")));
        String conversation = UUID.randomUUID().toString();
        try (Millbrook millbrook = new Millbrook(Clock.fixed(now, ZoneOffset.UTC), settings)) {
            BotTurn previous = null;
            List<Map<String, Object>> steps = (List<Map<String, Object>>) script.get("steps");
            assertThat(steps).as("steps of %s", script.get("name")).isNotEmpty();
            for (int i = 0; i < steps.size(); i++) {
                Map<String, Object> step = steps.get(i);
                assertThat(STEP_KEYS).as("keys of step %d", i + 1).containsAll(step.keySet());
                if (step.containsKey("language")) {
                    // The widget's language button, rather than a typed request.
                    language = locale(String.valueOf(step.get("language")));
                }
                if (Boolean.TRUE.equals(step.get("restart"))) {
                    millbrook.restart();
                }
                String words;
                if (step.containsKey("say")) {
                    words = String.valueOf(step.get("say"));
                } else if (step.containsKey("press")) {
                    words = press(millbrook, previous, step.get("press")).payload();
                } else {
                    continue;
                }
                int casesBefore = millbrook.cases.opened.size();
                int ratingsBefore = millbrook.feedback.ratings.size();
                int unansweredBefore = millbrook.feedback.unanswered.size();
                BotTurn turn = millbrook.bot().respond(conversation, Council.DEFAULT_ID, words, language);
                String where = "step " + (i + 1) + " (\"" + words + "\"), bot said " + describe(turn)
                        + "\n  knowledge base " + millbrook.topHits(words, language);
                check(millbrook, step, turn, casesBefore, where);
                checkFeedback(millbrook, step, ratingsBefore, unansweredBefore, where);
                language = turn.language();
                previous = turn;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void check(
            Millbrook millbrook, Map<String, Object> step, BotTurn turn, int casesBefore, String where) {
        Locale language = turn.language();
        List<String> texts = turn.replies().stream().map(BotReply::text).toList();
        if (step.containsKey("bot")) {
            assertThat(texts).as(where).containsExactlyElementsOf(resolveAll(millbrook, step.get("bot"), language));
        }
        if (step.containsKey("says")) {
            assertThat(texts).as(where).containsAll(resolveAll(millbrook, step.get("says"), language));
        }
        if (step.containsKey("notSays")) {
            assertThat(texts)
                    .as(where)
                    .doesNotContainAnyElementsOf(resolveAll(millbrook, step.get("notSays"), language));
        }
        if (step.containsKey("contains")) {
            String all = turn.replies().stream()
                    .map(reply -> reply.text() + "\n" + String.join("\n", reply.lines()))
                    .reduce("", (a, b) -> a + "\n" + b);
            for (String part : resolveAll(millbrook, step.get("contains"), language)) {
                assertThat(all).as(where).contains(part);
            }
        }
        if (step.containsKey("lines")) {
            List<String> lines = resolveAll(millbrook, step.get("lines"), language);
            assertThat(turn.replies())
                    .as(where)
                    .anySatisfy(reply -> assertThat(reply.lines()).containsExactlyElementsOf(lines));
        }
        if (step.containsKey("links")) {
            // Each link as "title -> address", every link of the turn in order.
            List<String> links = turn.replies().stream()
                    .flatMap(reply -> reply.links().stream())
                    .map(link -> link.title() + " -> " + link.url())
                    .toList();
            List<Object> expected = (List<Object>) step.get("links");
            List<String> wanted = expected.stream()
                    .map(item -> item instanceof Map<?, ?> map
                            ? resolve(millbrook, Map.of("key", map.get("key")), language) + " -> " + map.get("url")
                            : String.valueOf(item))
                    .toList();
            assertThat(links).as(where + ": links").containsExactlyElementsOf(wanted);
        }
        List<String> buttons = turn.replies().stream()
                .flatMap(reply -> reply.buttons().stream())
                .map(QuickReply::title)
                .toList();
        if (step.containsKey("buttons")) {
            assertThat(buttons)
                    .as(where)
                    .containsExactlyElementsOf(resolveAll(millbrook, step.get("buttons"), language));
        }
        if (step.containsKey("hasButtons")) {
            assertThat(buttons).as(where).containsAll(resolveAll(millbrook, step.get("hasButtons"), language));
        }
        if (step.containsKey("intent")) {
            assertThat(turn.findings().intent()).as(where).isEqualTo(step.get("intent"));
        }
        if (step.containsKey("handoff")) {
            String handoff = turn.handoff() == null ? "none" : turn.handoff().name();
            assertThat(handoff).as(where).isEqualTo(String.valueOf(step.get("handoff")));
        }
        if (step.containsKey("replyLanguage")) {
            assertThat(turn.language().getLanguage()).as(where).isEqualTo(step.get("replyLanguage"));
        }
        if (step.containsKey("case")) {
            List<NewCase> opened = millbrook.cases.opened.subList(casesBefore, millbrook.cases.opened.size());
            if ("none".equals(step.get("case"))) {
                assertThat(opened).as(where).isEmpty();
            } else {
                assertThat(opened).as(where).hasSize(1);
                NewCase opening = opened.getFirst();
                Map<String, Object> expected = (Map<String, Object>) step.get("case");
                expected.forEach((field, value) -> {
                    Object actual = switch (field) {
                        case "name" -> opening.name();
                        case "contact" -> opening.contact();
                        case "message" -> opening.message();
                        case "language" -> opening.language();
                        case "urgent" -> opening.urgent();
                        default -> fail("unknown case field " + field);
                    };
                    assertThat(actual).as(where + ": case " + field).isEqualTo(value);
                });
            }
        }
        if (step.containsKey("findings")) {
            Map<String, String> fields = turn.findings().asFields();
            ((Map<String, Object>) step.get("findings"))
                    .forEach((field, value) -> assertThat(fields.get(field))
                            .as(where + ": finding " + field)
                            .isEqualTo(value == null ? null : String.valueOf(value)));
        }
    }

    /**
     * {@code rated: {faq: ..., helped: true, question: ...}}: this step recorded that rating against the FAQ;
     * {@code rated: none}: it recorded none. {@code unanswered: true/false}: it recorded a question without a
     * confident answer for editors, or did not.
     */
    @SuppressWarnings("unchecked")
    private static void checkFeedback(
            Millbrook millbrook, Map<String, Object> step, int ratingsBefore, int unansweredBefore, String where) {
        List<RecordedFeedback.Rating> ratings =
                millbrook.feedback.ratings.subList(ratingsBefore, millbrook.feedback.ratings.size());
        if ("none".equals(step.get("rated"))) {
            assertThat(ratings).as(where + ": ratings").isEmpty();
        } else if (step.get("rated") instanceof Map<?, ?> rated) {
            assertThat(ratings).as(where + ": ratings").hasSize(1);
            RecordedFeedback.Rating rating = ratings.getFirst();
            Map<String, Object> expected = (Map<String, Object>) rated;
            assertThat(rating.faqId()).as(where + ": rated FAQ").isEqualTo(expected.get("faq"));
            assertThat(rating.helped()).as(where + ": helped").isEqualTo(expected.get("helped"));
            if (expected.containsKey("question")) {
                assertThat(rating.question()).as(where + ": rated question").isEqualTo(expected.get("question"));
            }
        }
        if (step.containsKey("unanswered")) {
            boolean recorded = millbrook.feedback.unanswered.size() > unansweredBefore;
            assertThat(recorded).as(where + ": recorded as unanswered").isEqualTo(step.get("unanswered"));
        }
    }

    private static QuickReply press(Millbrook millbrook, BotTurn previous, Object title) {
        assertThat(previous)
                .as("a button can only be pressed after the bot has spoken")
                .isNotNull();
        String wanted = resolve(millbrook, title, previous.language());
        return previous.replies().stream()
                .flatMap(reply -> reply.buttons().stream())
                .filter(button -> button.title().equals(wanted))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no button '" + wanted + "' in " + describe(previous)));
    }

    /** A string as it is, or {@code {key: ..., args: [...]}} from the message bundle in the turn's language. */
    private static List<String> resolveAll(Millbrook millbrook, Object expected, Locale language) {
        List<Object> items = expected instanceof List<?> list ? new ArrayList<>(list) : List.of(expected);
        return items.stream().map(item -> resolve(millbrook, item, language)).toList();
    }

    @SuppressWarnings("unchecked")
    private static String resolve(Millbrook millbrook, Object item, Locale language) {
        if (item instanceof Map<?, ?> map) {
            Object key = Objects.requireNonNull(map.get("key"), "a message needs a key: " + map);
            List<Object> args = map.containsKey("args") ? (List<Object>) map.get("args") : List.of();
            Object[] arguments = args.stream()
                    .map(arg -> arg instanceof Map<?, ?> || arg instanceof List<?>
                            ? resolve(millbrook, arg, language)
                            : String.valueOf(arg))
                    .toArray();
            Locale in = map.containsKey("language") ? locale(String.valueOf(map.get("language"))) : language;
            return millbrook.messages.getMessage(String.valueOf(key), arguments, in);
        }
        return String.valueOf(item);
    }

    private static String describe(BotTurn turn) {
        StringBuilder said = new StringBuilder();
        for (BotReply reply : turn.replies()) {
            said.append("\n  «").append(reply.text()).append('»');
            reply.lines().forEach(line -> said.append("\n    - ").append(line));
            if (!reply.buttons().isEmpty()) {
                said.append("\n    buttons ")
                        .append(reply.buttons().stream().map(QuickReply::title).toList());
            }
        }
        return said + "\n  handoff " + turn.handoff() + ", intent "
                + turn.findings().intent() + " " + turn.findings().confidence();
    }

    private static Instant instant(Object value) {
        return value instanceof java.util.Date date ? date.toInstant() : Instant.parse(String.valueOf(value));
    }

    private static Locale locale(String tag) {
        return "cy".equals(tag) ? Locale.forLanguageTag("cy") : Locale.UK;
    }
}
