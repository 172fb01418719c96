package org.councilchat.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.councilchat.councils.Councils;
import org.councilchat.handoff.CannedResponses;
import org.councilchat.knowledge.BinCollections;
import org.councilchat.knowledge.Faq;
import org.councilchat.knowledge.FaqDraft;
import org.councilchat.knowledge.KnowledgeBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Loads the fictional Millbrook District Council (FAQs and bin rounds, see resources/demo/README.md) and the
 * county over it, Westshire (its FAQs), on the first start of the demo profile. It only fills an empty database,
 * so editors' changes survive restarts.
 */
@Component
@Profile("demo")
class DemoCouncil {

    private static final Logger log = LoggerFactory.getLogger(DemoCouncil.class);
    static final String EDITOR = "demo-loader";
    /** The demo's county: Westshire County Council, over Millbrook. */
    static final String COUNTY = "westshire";

    private final KnowledgeBase knowledge;
    private final BinCollections bins;
    private final CannedResponses cannedResponses;
    private final Councils councils;

    DemoCouncil(KnowledgeBase knowledge, BinCollections bins, CannedResponses cannedResponses, Councils councils) {
        this.knowledge = knowledge;
        this.councils = councils;
        this.bins = bins;
        this.cannedResponses = cannedResponses;
    }

    @EventListener(ApplicationStartedEvent.class)
    void loadWhenEmpty() {
        if (knowledge.count() == 0) {
            List<FaqDraft> faqs = faqs("demo/faqs.yml");
            knowledge.saveAll(faqs, EDITOR);
            log.info("Loaded {} demo FAQs for the fictional Millbrook District Council", faqs.size());
            // The county over Millbrook, when the configuration has it (a test may configure Millbrook alone).
            if (councils.find(COUNTY).isPresent()) {
                List<FaqDraft> county = faqs("demo/westshire/faqs.yml").stream()
                        .map(faq -> faq.forCouncil(COUNTY))
                        .toList();
                knowledge.saveAll(county, EDITOR);
                log.info("Loaded {} demo FAQs for the fictional Westshire County Council", county.size());
            }
        }
        if (bins.propertyCount() == 0) {
            try (Reader rounds = reader("demo/bins/rounds.csv");
                    Reader properties = reader("demo/bins/properties.csv")) {
                var data = bins.importCsv(rounds, "rounds.csv", properties, "properties.csv");
                log.info(
                        "Loaded {} demo bin rounds and {} properties",
                        data.rounds().size(),
                        data.properties().size());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (cannedResponses.all().isEmpty()) {
            List<Map<String, String>> responses = cannedResponses();
            // A response of a council not configured (a test may configure Millbrook alone) is left out.
            responses.stream()
                    .filter(response -> response.get("council") == null
                            || councils.find(response.get("council")).isPresent())
                    .forEach(response -> cannedResponses.add(
                            response.get("title"), response.get("text"), response.get("council"), EDITOR));
            log.info("Loaded {} demo canned responses for the contact centre", responses.size());
        }
    }

    /** The demo contact centre's canned responses, each a title and a text. */
    @SuppressWarnings("unchecked")
    static List<Map<String, String>> cannedResponses() {
        try (Reader in = reader("demo/canned-responses.yml")) {
            return (List<Map<String, String>>) new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<FaqDraft> faqs() {
        return faqs("demo/faqs.yml");
    }

    @SuppressWarnings("unchecked")
    static List<FaqDraft> faqs(String path) {
        try (InputStream yaml = new ClassPathResource(path).getInputStream()) {
            Map<String, Object> document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
            return ((List<Map<String, Object>>) document.get("faqs"))
                    .stream()
                            .map(faq -> new FaqDraft(
                                    (String) faq.get("id"),
                                    (String) faq.get("serviceArea"),
                                    (String) faq.get("question"),
                                    (List<String>) faq.getOrDefault("phrasings", List.of()),
                                    (String) faq.get("answer"),
                                    (String) faq.get("sourceUrl"),
                                    Faq.FaqStatus.PUBLISHED,
                                    (String) faq.getOrDefault("language", "en"),
                                    null,
                                    null,
                                    (String) faq.get("translationOf")))
                            .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the demo FAQs", e);
        }
    }

    private static Reader reader(String path) throws IOException {
        return new InputStreamReader(new ClassPathResource(path).getInputStream(), StandardCharsets.UTF_8);
    }
}
