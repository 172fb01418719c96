package org.councilchat.engine.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.councilchat.engine.IntentClassifier;
import org.springframework.context.MessageSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The conversation rules a council runs: for each intent, what the bot says and does. Read from YAML and checked
 * in full before use (every intent known to the intent model, every message in the bundles, every link a web
 * address, one rule per intent), so a typing mistake is reported with its line instead of surfacing as a broken
 * answer in front of a resident. Immutable and safe to share between threads.
 */
public final class ConversationRules {

    private static final Set<String> RULE_KEYS = Set.of("rule", "intent", "service", "min-confidence", "then");

    private final List<ConversationRule> rules;
    private final Map<String, ConversationRule> byIntent;

    private ConversationRules(List<ConversationRule> rules) {
        this.rules = List.copyOf(rules);
        Map<String, ConversationRule> index = new LinkedHashMap<>();
        rules.forEach(rule -> index.put(rule.intent(), rule));
        this.byIntent = Map.copyOf(index);
    }

    /** Every rule, in file order. */
    public List<ConversationRule> rules() {
        return rules;
    }

    public Optional<ConversationRule> forIntent(String intent) {
        return Optional.ofNullable(byIntent.get(intent));
    }

    /**
     * What a rules file is checked against.
     *
     * @param knownIntents the intents the intent model can recognise; empty when they are not known here (for
     *     example when Rasa does the understanding), and then any intent name is accepted
     * @param messageExists whether a message key is in the bundles
     */
    public record Checks(Set<String> knownIntents, Predicate<String> messageExists) {

        public Checks {
            knownIntents = Set.copyOf(knownIntents);
        }

        /** The intents this model recognises, and messages present in both English and Welsh. */
        public static Checks against(IntentClassifier intents, MessageSource messages) {
            return new Checks(
                    intents.knownIntents(),
                    key -> Stream.of(Locale.UK, Locale.forLanguageTag("cy"))
                            .allMatch(language -> messages.getMessage(key, null, null, language) != null));
        }
    }

    /**
     * Reads and checks a rules file.
     *
     * @param name the file's name or location, for error messages
     * @throws ConversationRulesInvalid naming the file, the line and what is wrong
     */
    public static ConversationRules read(InputStream yaml, String name, Checks checks) {
        Node root;
        try (InputStreamReader reader = new InputStreamReader(yaml, StandardCharsets.UTF_8)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(reader);
        } catch (IOException | YAMLException e) {
            throw new ConversationRulesInvalid(name + " is not readable YAML: " + e.getMessage());
        }
        return new Reader(name, checks).rules(root);
    }

    /** Walks the YAML nodes, keeping line numbers for the errors. */
    private record Reader(String name, Checks checks) {

        ConversationRules rules(Node root) {
            if (root == null) {
                throw invalid(null, "the file is empty; it needs a 'rules:' list");
            }
            Map<String, Node> top = mapping(root, "the file");
            for (String key : top.keySet()) {
                if (!key.equals("rules")) {
                    throw invalid(top.get(key), "unknown section '" + key + "'; the file has only 'rules:'");
                }
            }
            if (!top.containsKey("rules")) {
                throw invalid(root, "there is no 'rules:' list");
            }
            List<ConversationRule> rules = new ArrayList<>();
            Set<String> names = new HashSet<>();
            Map<String, ConversationRule> byIntent = new LinkedHashMap<>();
            for (Node node : sequence(top.get("rules"), "rules")) {
                ConversationRule rule = rule(node);
                if (!names.add(rule.name())) {
                    throw invalid(node, "two rules are called '" + rule.name() + "'");
                }
                ConversationRule earlier = byIntent.putIfAbsent(rule.intent(), rule);
                if (earlier != null) {
                    throw invalid(
                            node,
                            "rule '" + rule.name() + "' and rule '" + earlier.name() + "' (line " + earlier.line()
                                    + ") are both for intent '" + rule.intent() + "'; an intent has one rule");
                }
                rules.add(rule);
            }
            return new ConversationRules(rules);
        }

        private ConversationRule rule(Node node) {
            Map<String, Node> fields = mapping(node, "a rule");
            String ruleName = fields.containsKey("rule") ? text(fields.get("rule"), "rule") : null;
            String where = ruleName == null ? "a rule" : "rule '" + ruleName + "'";
            for (Map.Entry<String, Node> field : fields.entrySet()) {
                if (!RULE_KEYS.contains(field.getKey())) {
                    throw invalid(
                            field.getValue(),
                            where + " has unknown field '" + field.getKey() + "'; a rule has " + RULE_KEYS);
                }
            }
            if (ruleName == null) {
                throw invalid(node, "a rule has no name: add 'rule: <a name>'");
            }
            if (!fields.containsKey("intent")) {
                throw invalid(node, where + " has no intent");
            }
            String intent = text(fields.get("intent"), where + " intent");
            if (!checks.knownIntents().isEmpty() && !checks.knownIntents().contains(intent)) {
                throw invalid(
                        fields.get("intent"),
                        where + ": the intent model has no intent '" + intent + "' (it knows "
                                + String.join(
                                        ", ",
                                        checks.knownIntents().stream().sorted().toList()) + ")");
            }
            String service = fields.containsKey("service") ? text(fields.get("service"), where + " service") : null;
            if (service != null && !service.matches("[a-z][a-z0-9-]{0,39}")) {
                throw invalid(
                        fields.get("service"),
                        where + ": service '" + service
                                + "' should be lower case words joined by hyphens, like council-tax");
            }
            Double minConfidence = null;
            if (fields.containsKey("min-confidence")) {
                String value = text(fields.get("min-confidence"), where + " min-confidence");
                try {
                    minConfidence = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    minConfidence = Double.NaN;
                }
                if (!(minConfidence >= 0 && minConfidence <= 1)) {
                    throw invalid(
                            fields.get("min-confidence"),
                            where + ": min-confidence must be a number from 0 to 1, not '" + value + "'");
                }
            }
            if (!fields.containsKey("then")) {
                throw invalid(node, where + " has no steps: add 'then:' with what the bot should do");
            }
            List<Node> stepNodes = sequence(fields.get("then"), where + " then");
            if (stepNodes.isEmpty()) {
                throw invalid(fields.get("then"), where + " has no steps");
            }
            List<RuleStep> steps = new ArrayList<>();
            for (Node stepNode : stepNodes) {
                RuleStep step = step(stepNode, where);
                boolean decorates = step instanceof RuleStep.LinkCard || step instanceof RuleStep.Buttons;
                if (decorates
                        && (steps.isEmpty()
                                || !(steps.getLast() instanceof RuleStep.Say
                                        || steps.getLast() instanceof RuleStep.LinkCard
                                        || steps.getLast() instanceof RuleStep.Buttons))) {
                    throw invalid(stepNode, where + ": a link or buttons go under words: put a 'say:' step before it");
                }
                steps.add(step);
            }
            return new ConversationRule(ruleName, intent, service, minConfidence, steps, line(node));
        }

        private RuleStep step(Node node, String where) {
            Map<String, Node> fields = mapping(node, where + " step");
            Set<String> kinds = new HashSet<>(fields.keySet());
            kinds.remove("args");
            if (kinds.size() != 1) {
                throw invalid(
                        node,
                        where + ": each step is one of say, link, buttons, answer, form, handoff, topics; found "
                                + fields.keySet());
            }
            String kind = kinds.iterator().next();
            if (fields.containsKey("args") && !kind.equals("say")) {
                throw invalid(fields.get("args"), where + ": only a 'say' step has args");
            }
            Node value = fields.get(kind);
            return switch (kind) {
                case "say" -> {
                    String key = message(value, where);
                    List<String> arguments = fields.containsKey("args")
                            ? sequence(fields.get("args"), where + " args").stream()
                                    .map(argument -> text(argument, where + " args"))
                                    .toList()
                            : List.of();
                    yield new RuleStep.Say(key, arguments);
                }
                case "link" -> {
                    Map<String, Node> link = mapping(value, where + " link");
                    if (!link.keySet().equals(Set.of("text", "url"))) {
                        throw invalid(value, where + ": a link has 'text' (a message key) and 'url', nothing else");
                    }
                    yield new RuleStep.LinkCard(message(link.get("text"), where), url(link.get("url"), where));
                }
                case "buttons" -> {
                    List<RuleStep.Button> buttons = new ArrayList<>();
                    for (Node button : sequence(value, where + " buttons")) {
                        String key = text(button, where + " buttons");
                        buttons.add(RuleStep.Button.byKey(key)
                                .orElseThrow(() -> invalid(
                                        button,
                                        where + ": no button '" + key + "'; there are "
                                                + keys(List.of(RuleStep.Button.values())))));
                    }
                    yield new RuleStep.Buttons(buttons);
                }
                case "answer" -> {
                    String source = text(value, where + " answer");
                    if (!source.equals("knowledge-base")) {
                        throw invalid(value, where + ": answers come from 'knowledge-base', not '" + source + "'");
                    }
                    yield new RuleStep.AnswerFromKnowledgeBase();
                }
                case "form" -> {
                    String form = text(value, where + " form");
                    yield new RuleStep.StartForm(RuleStep.Form.byKey(form)
                            .orElseThrow(() -> invalid(
                                    value,
                                    where + ": no form '" + form + "'; there are "
                                            + keys(List.of(RuleStep.Form.values())))));
                }
                case "handoff" -> {
                    String to = text(value, where + " handoff");
                    if (!to.equals("person")) {
                        throw invalid(value, where + ": a handoff is to 'person', not '" + to + "'");
                    }
                    yield new RuleStep.HandOver();
                }
                case "topics" -> {
                    String which = text(value, where + " topics");
                    if (!which.equals("all")) {
                        throw invalid(value, where + ": topics shows 'all', not '" + which + "'");
                    }
                    yield new RuleStep.Topics();
                }
                default ->
                    throw invalid(
                            node,
                            where + ": unknown step '" + kind
                                    + "'; a step is one of say, link, buttons, answer, form, handoff, topics");
            };
        }

        private static String keys(List<? extends Enum<?>> values) {
            return String.join(
                    ", ",
                    values.stream()
                            .map(value -> value.name()
                                    .toLowerCase(java.util.Locale.ROOT)
                                    .replace('_', '-'))
                            .toList());
        }

        private String message(Node node, String where) {
            String key = text(node, where + " message");
            if (!checks.messageExists().test(key)) {
                throw invalid(node, where + ": there is no message '" + key + "' in the message bundles");
            }
            return key;
        }

        private String url(Node node, String where) {
            String url = text(node, where + " link url");
            try {
                URI uri = new URI(url);
                if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null) {
                    return url;
                }
            } catch (URISyntaxException ignored) {
                // Reported below with the same words as any other bad address.
            }
            throw invalid(node, where + ": '" + url + "' is not a web address (https://...)");
        }

        private Map<String, Node> mapping(Node node, String what) {
            if (!(node instanceof MappingNode mapping)) {
                throw invalid(node, what + " should be a map of 'name: value' fields");
            }
            Map<String, Node> fields = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                String key = text(tuple.getKeyNode(), what + " field name");
                if (fields.put(key, tuple.getValueNode()) != null) {
                    throw invalid(tuple.getKeyNode(), what + " has '" + key + "' twice");
                }
            }
            return fields;
        }

        private List<Node> sequence(Node node, String what) {
            if (!(node instanceof SequenceNode sequence)) {
                throw invalid(node, what + " should be a list ('- ' items)");
            }
            return sequence.getValue();
        }

        private String text(Node node, String what) {
            if (!(node instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
                throw invalid(node, what + " should be a single value");
            }
            return scalar.getValue().strip();
        }

        private ConversationRulesInvalid invalid(Node node, String problem) {
            return new ConversationRulesInvalid(name + (node == null ? "" : " line " + line(node)) + ": " + problem);
        }

        private static int line(Node node) {
            return node.getStartMark().getLine() + 1;
        }
    }
}
