package org.councilchat.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.councilchat.CouncilChatApplication;
import org.councilchat.engine.IntentModel;
import org.councilchat.engine.ModelVersion;
import org.councilchat.journey.StompTestClient;
import org.councilchat.journey.TestCouncil;
import org.councilchat.knowledge.Faq;
import org.councilchat.knowledge.FaqDraft;
import org.councilchat.knowledge.FaqMatch;
import org.councilchat.knowledge.KnowledgeBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two Council Chat servers over one database, as behind a load balancer, each with its own FAQ index and model
 * directory: what an editor changes on one serves on the other without a restart, and a server started
 * afterwards has it from the start. The database is the only thing they share.
 */
class EditorsChangesOnEveryNodeTests {

    private static final String EDITOR = "editor:editor-demo";

    private static final String QUESTION = "how long is the allotment plot waiting list";
    private static final Optional<String> ALLOTMENTS = Optional.of("allotment-waiting-list");

    private static final Map<String, Object> settings = new LinkedHashMap<>();
    private static final List<ConfigurableApplicationContext> nodes = new ArrayList<>();
    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startTwoNodes() throws IOException {
        TestCouncil.configure((name, value) -> settings.put(name, value.get()));
        // Node A trains the shipped model once per build into the shared model directory; the others start from
        // a copy in their own directory, as a deployment would ship the trained model with every node.
        nodeA = start("a");
        nodeB = start("b");
    }

    @AfterAll
    static void stopNodes() {
        nodes.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void anFaqPublishedOnOneNodeIsAnsweredOnTheOtherAndGoneThereWhenUnpublished() throws IOException {
        KnowledgeBase onA = nodeA.getBean(KnowledgeBase.class);
        KnowledgeBase onB = nodeB.getBean(KnowledgeBase.class);
        assertThat(answer(onB, QUESTION)).isNotEqualTo(ALLOTMENTS);

        onA.save(allotments(Faq.FaqStatus.PUBLISHED), "editor@millbrook.example");

        assertThat(eventually(() -> answer(onB, QUESTION), ALLOTMENTS::equals)).isEqualTo(ALLOTMENTS);
        try (ConfigurableApplicationContext nodeC = start("c")) {
            assertThat(answer(nodeC.getBean(KnowledgeBase.class), QUESTION))
                    .as("a node started after the publish answers it at once")
                    .isEqualTo(ALLOTMENTS);
        }

        onA.save(allotments(Faq.FaqStatus.ARCHIVED), "editor@millbrook.example");

        assertThat(eventually(() -> answer(onB, QUESTION), answer -> !answer.equals(ALLOTMENTS)))
                .isNotEqualTo(ALLOTMENTS);
    }

    @Test
    void aModelRetrainedOnOneNodeServesOnTheOtherAndOnANodeStartedLater() throws Exception {
        IntentModel onA = nodeA.getBean(IntentModel.class);
        IntentModel onB = nodeB.getBean(IntentModel.class);
        String configured = onB.version().id();

        ModelVersion retrained = onA.retrain(
                        new ByteArrayInputStream(trainingWithAllotments().getBytes(StandardCharsets.UTF_8)),
                        "allotments.csv")
                .get(3, TimeUnit.MINUTES);

        assertThat(retrained.id()).isNotEqualTo(configured);
        assertThat(eventually(() -> onB.version().id(), retrained.id()::equals)).isEqualTo(retrained.id());
        assertThat(onB.classify("can i rent an allotment plot").top().intent()).isEqualTo("allotments");
        assertThat(onB.lastRetraining())
                .as("node B loaded the model rather than training it")
                .isEmpty();
        assertThat(editorsModelPage(nodeB)).contains(retrained.id(), "allotments");

        try (ConfigurableApplicationContext nodeC = start("c")) {
            assertThat(nodeC.getBean(IntentModel.class).version().id()).isEqualTo(retrained.id());
            assertThat(editorsModelPage(nodeC)).contains(retrained.id());
        }
    }

    /** Starts a node over the shared database, with its own index and (but for node A) model directory. */
    private static ConfigurableApplicationContext start(String node) throws IOException {
        // Beside the database's own test folder, which TestCouncil names after the database.
        Path data = Path.of(
                        settings.get("council-chat.knowledge.index-directory").toString())
                .resolveSibling("node-" + node);
        Map<String, Object> own = new LinkedHashMap<>(settings);
        own.put("server.port", 0);
        own.put("council-chat.knowledge.index-directory", data.resolve("index").toString());
        if (!node.equals("a")) {
            Path shared =
                    Path.of(settings.get("council-chat.engine.model-directory").toString());
            Path models = Files.createDirectories(data.resolve("models"));
            try (Stream<Path> trained = Files.list(shared)) {
                for (Path model : trained.filter(file -> file.toString().endsWith(".model"))
                        .toList()) {
                    Files.copy(model, models.resolve(model.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            own.put("council-chat.engine.model-directory", models.toString());
        }
        // As command-line arguments, which outrank application.yml (default properties would not).
        String[] arguments = own.entrySet().stream()
                .map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext context =
                new SpringApplicationBuilder(CouncilChatApplication.class).run(arguments);
        nodes.add(context);
        return context;
    }

    private static Optional<String> answer(KnowledgeBase knowledge, String residentWords) {
        return knowledge
                .search(residentWords)
                .confidentAnswer()
                .map(FaqMatch::faq)
                .map(Faq::id);
    }

    /** Asks until the answer is what is expected or the patience runs out, then gives the last answer. */
    private static <T> T eventually(Supplier<T> ask, java.util.function.Predicate<T> expected) {
        long deadline = System.nanoTime() + StompTestClient.PATIENCE.toNanos();
        T answer = ask.get();
        while (!expected.test(answer) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return answer;
            }
            answer = ask.get();
        }
        return answer;
    }

    private static FaqDraft allotments(Faq.FaqStatus status) {
        return new FaqDraft(
                "allotment-waiting-list",
                "general",
                "How do I join the allotment waiting list?",
                List.of("put my name down for an allotment", "allotment plot waiting list"),
                "<p>Fill in the allotment form and we will write when a plot is free.</p>",
                null,
                status,
                "en");
    }

    /**
     * A few examples of every shipped intent (the conversation rules name them all, and a node starting with the
     * retrained model checks its rules against it) and a new intent, allotments: small enough to train in seconds.
     */
    private static String trainingWithAllotments() throws IOException {
        String shipped;
        try (InputStream in = EditorsChangesOnEveryNodeTests.class.getResourceAsStream("/nlu/council-intents.csv")) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, List<String>> byIntent = shipped.lines()
                .skip(1)
                .filter(line -> !line.contains("\"") && line.contains(","))
                .collect(Collectors.groupingBy(
                        line -> line.substring(line.lastIndexOf(',') + 1), LinkedHashMap::new, Collectors.toList()));
        StringBuilder csv = new StringBuilder("text,intent\n");
        byIntent.values()
                .forEach(lines ->
                        lines.stream().limit(4).forEach(line -> csv.append(line).append('\n')));
        csv.append("""
                how do i rent an allotment,allotments
                allotment waiting list,allotments
                can i get an allotment plot,allotments
                my allotment neighbour has left rubbish,allotments
                allotment rent,allotments
                """);
        return csv.toString();
    }

    private String editorsModelPage(ConfigurableApplicationContext node) throws Exception {
        String port = node.getEnvironment().getProperty("local.server.port");
        HttpResponse<String> page = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/editor/model"))
                        .header(
                                "Authorization",
                                "Basic " + Base64.getEncoder().encodeToString(EDITOR.getBytes(StandardCharsets.UTF_8)))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        return page.body();
    }
}
