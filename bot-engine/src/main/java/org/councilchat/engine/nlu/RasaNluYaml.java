package org.councilchat.engine.nlu;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.councilchat.engine.TrainingDataInvalid;
import org.councilchat.engine.nlu.TrainingExample.EntityAnnotation;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads Rasa NLU training data (the {@code nlu:} section of Rasa 3 YAML), so a council that used Rasa
 * brings its {@code nlu.yml} unchanged: intents with their examples, entity annotations ({@code [text](entity)},
 * {@code [text](entity:value)}, {@code [text]{"entity": "e", "value": "v", "role": "r", "group": "g"}}),
 * synonyms, lookup tables and regexes. Annotated examples train intents on their plain text and keep the
 * entities as character spans. Other sections ({@code stories}, {@code rules}, {@code responses}) are
 * ignored. Anything malformed is refused with its line and reason.
 */
public final class RasaNluYaml {

    /** {@code [text]} then {@code (entity)}, {@code (entity:value)}, {@code {json}} or {@code [{json}, ...]}. */
    private static final Pattern ANNOTATION = Pattern.compile(
            "\\[([^\\[\\]]+)\\](?:\\(([^()]*)\\)|(\\{[^{}]*\\})|\\[(\\{.*?\\}(?:\\s*,\\s*\\{.*?\\})*)\\])");

    private RasaNluYaml() {}

    public static TrainingData read(InputStream yaml, String source) throws IOException {
        Node root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions()))
                    .compose(new InputStreamReader(yaml, StandardCharsets.UTF_8));
        } catch (MarkedYAMLException broken) {
            int line = broken.getProblemMark() == null
                    ? 0
                    : broken.getProblemMark().getLine() + 1;
            throw new TrainingDataInvalid(source, line, "not valid YAML: " + broken.getProblem());
        } catch (YAMLException broken) {
            throw new TrainingDataInvalid(source, 0, "not valid YAML: " + broken.getMessage());
        }
        if (!(root instanceof MappingNode document)) {
            throw new TrainingDataInvalid(
                    source, root == null ? 0 : line(root), "expected a mapping with an nlu: section");
        }
        Node nlu = value(document, "nlu");
        if (nlu == null) {
            throw new TrainingDataInvalid(source, 1, "there is no nlu: section");
        }
        if (!(nlu instanceof SequenceNode items)) {
            throw new TrainingDataInvalid(
                    source, line(nlu), "nlu: must be a list of intents, synonyms, regexes and lookups");
        }
        List<TrainingExample> examples = new ArrayList<>();
        Map<String, String> synonyms = new LinkedHashMap<>();
        Map<String, List<String>> lookups = new LinkedHashMap<>();
        Map<String, List<String>> regexes = new LinkedHashMap<>();
        for (Node item : items.getValue()) {
            if (!(item instanceof MappingNode entry)) {
                throw new TrainingDataInvalid(
                        source, line(item), "each nlu: item must be a mapping such as 'intent: greet'");
            }
            String kind = null;
            for (String candidate : List.of("intent", "synonym", "regex", "lookup")) {
                if (value(entry, candidate) != null) {
                    if (kind != null) {
                        throw new TrainingDataInvalid(
                                source, line(item), "an item has both " + kind + ": and " + candidate + ":");
                    }
                    kind = candidate;
                }
            }
            if (kind == null) {
                throw new TrainingDataInvalid(
                        source, line(item), "an nlu: item needs one of intent:, synonym:, regex: or lookup:");
            }
            String name = scalar(value(entry, kind), source, kind);
            if (name.isBlank() || name.contains(" ")) {
                throw new TrainingDataInvalid(
                        source, line(value(entry, kind)), kind + " name '" + name + "' must be one word");
            }
            Node examplesNode = value(entry, "examples");
            if (examplesNode == null) {
                throw new TrainingDataInvalid(source, line(item), kind + " '" + name + "' has no examples:");
            }
            List<Line> lines = exampleLines(examplesNode, source);
            if (lines.isEmpty()) {
                throw new TrainingDataInvalid(source, line(examplesNode), kind + " '" + name + "' has no examples");
            }
            switch (kind) {
                case "intent" -> {
                    for (Line line : lines) {
                        examples.add(annotated(line, name, synonyms, source));
                    }
                }
                case "synonym" -> lines.forEach(line -> synonyms.put(line.text(), name));
                case "lookup" ->
                    lookups.computeIfAbsent(name, n -> new ArrayList<>())
                            .addAll(lines.stream().map(Line::text).toList());
                case "regex" -> {
                    for (Line line : lines) {
                        try {
                            Pattern.compile(line.text());
                        } catch (PatternSyntaxException bad) {
                            throw new TrainingDataInvalid(
                                    source,
                                    line.number(),
                                    "regex '" + name + "' is not a valid pattern: " + bad.getDescription());
                        }
                        regexes.computeIfAbsent(name, n -> new ArrayList<>()).add(line.text());
                    }
                }
                default -> throw new IllegalStateException(kind);
            }
        }
        return new TrainingData(examples, synonyms, lookups, regexes);
    }

    /** One example and the 1-based line of the file it is on. */
    private record Line(String text, int number) {}

    /**
     * Examples are a block of {@code - } lines ({@code examples: |}), or a list of {@code text:} items with
     * metadata. In a literal block each line of the value is a line of the file, which is how errors are placed.
     */
    private static List<Line> exampleLines(Node node, String source) throws TrainingDataInvalid {
        List<Line> lines = new ArrayList<>();
        if (node instanceof ScalarNode block) {
            boolean onOwnLines = block.getScalarStyle() == DumperOptions.ScalarStyle.LITERAL
                    || block.getScalarStyle() == DumperOptions.ScalarStyle.FOLDED;
            int first = line(block) + (onOwnLines ? 1 : 0);
            String[] raw = block.getValue().split("\n", -1);
            for (int i = 0; i < raw.length; i++) {
                String text = raw[i].strip();
                if (text.isEmpty()) {
                    continue;
                }
                if (!text.startsWith("-")) {
                    throw new TrainingDataInvalid(
                            source, first + i, "an example must start with '- ', found '" + text + "'");
                }
                String example = text.substring(1).strip();
                if (example.isEmpty()) {
                    throw new TrainingDataInvalid(source, first + i, "an empty example");
                }
                lines.add(new Line(example, first + i));
            }
        } else if (node instanceof SequenceNode list) {
            for (Node item : list.getValue()) {
                Node text = item instanceof MappingNode mapping ? value(mapping, "text") : item;
                if (text == null) {
                    throw new TrainingDataInvalid(source, line(item), "an example item needs text:");
                }
                String example = scalar(text, source, "text").strip();
                if (example.startsWith("- ")) {
                    example = example.substring(2).strip();
                }
                if (example.isEmpty()) {
                    throw new TrainingDataInvalid(source, line(text), "an empty example");
                }
                lines.add(new Line(example, line(text)));
            }
        } else {
            throw new TrainingDataInvalid(source, line(node), "examples: must be a '|' block of '- ' lines or a list");
        }
        return lines;
    }

    /** The example with annotations replaced by their text, and each one kept as an entity span. */
    private static TrainingExample annotated(Line line, String intent, Map<String, String> synonyms, String source)
            throws TrainingDataInvalid {
        StringBuilder plain = new StringBuilder();
        List<EntityAnnotation> entities = new ArrayList<>();
        Matcher matcher = ANNOTATION.matcher(line.text());
        int copied = 0;
        while (matcher.find()) {
            plain.append(line.text(), copied, matcher.start());
            String text = matcher.group(1);
            int start = plain.length();
            plain.append(text);
            int end = plain.length();
            List<Map<String, Object>> specs = new ArrayList<>();
            if (matcher.group(2) != null) {
                String[] entityAndValue = matcher.group(2).split(":", 2);
                Map<String, Object> spec = new LinkedHashMap<>();
                spec.put("entity", entityAndValue[0].strip());
                if (entityAndValue.length == 2) {
                    spec.put("value", entityAndValue[1].strip());
                }
                specs.add(spec);
            } else {
                String json = matcher.group(3) != null ? matcher.group(3) : "[" + matcher.group(4) + "]";
                specs.addAll(json(json, line, source));
            }
            for (Map<String, Object> spec : specs) {
                Object entity = spec.get("entity");
                if (!(entity instanceof String name) || name.isBlank()) {
                    throw new TrainingDataInvalid(
                            source, line.number(), "the annotation of '" + text + "' names no entity");
                }
                String value = spec.get("value") == null ? text : String.valueOf(spec.get("value"));
                if (!value.equals(text)) {
                    // Rasa learns a synonym from every annotation whose value differs from its text.
                    synonyms.put(text, value);
                }
                entities.add(new EntityAnnotation(
                        start, end, name.strip(), value, string(spec.get("role")), string(spec.get("group"))));
            }
            copied = matcher.end();
        }
        plain.append(line.text().substring(copied));
        String text = plain.toString();
        if (text.contains("](") || text.matches(".*\\[[^\\]]*\\]\\{.*")) {
            throw new TrainingDataInvalid(
                    source, line.number(), "a malformed entity annotation in '" + line.text() + "'");
        }
        return new TrainingExample(text, intent, entities);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> json(String json, Line line, String source) throws TrainingDataInvalid {
        Object parsed;
        try {
            // JSON is YAML's flow style, so the YAML parser reads the annotation too.
            parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(json);
        } catch (YAMLException broken) {
            throw new TrainingDataInvalid(
                    source, line.number(), "the entity annotation " + json + " is not valid JSON");
        }
        List<Object> items = parsed instanceof List<?> list ? (List<Object>) list : List.of(parsed);
        List<Map<String, Object>> specs = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> map)) {
                throw new TrainingDataInvalid(
                        source, line.number(), "the entity annotation " + json + " is not a JSON object");
            }
            specs.add((Map<String, Object>) map);
        }
        return specs;
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }

    private static Node value(MappingNode mapping, String key) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return tuple.getValueNode();
            }
        }
        return null;
    }

    private static String scalar(Node node, String source, String what) throws TrainingDataInvalid {
        if (!(node instanceof ScalarNode scalar) || scalar.getTag().equals(Tag.NULL)) {
            throw new TrainingDataInvalid(source, line(node), what + ": must be a single value");
        }
        return scalar.getValue();
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }
}
