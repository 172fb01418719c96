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
import org.councilchat.knowledge.BinImportProgress;
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
 * Loads the fictional shared service of the demo (see resources/demo/README.md): Millbrook District Council (FAQs
 * and bin rounds), the county over it, Westshire (its FAQs), and Millbrook's Welsh neighbour, Glanafon (FAQs in
 * Welsh and English, and bin rounds). Each council's FAQs and bins are loaded while it has none, so editors'
 * changes survive restarts and a database from before a council joined the demo gets that council's data.
 */
@Component
@Profile("demo")
class DemoCouncil {

    private static final Logger log = LoggerFactory.getLogger(DemoCouncil.class);
    static final String EDITOR = "demo-loader";
    static final String DISTRICT = "millbrook";
    /** The demo's county: Westshire County Council, over Millbrook. */
    static final String COUNTY = "westshire";
    /** Millbrook's Welsh neighbour, sharing its contact centre. */
    static final String WELSH_NEIGHBOUR = "glanafon";

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
        // Millbrook is the first council of the demo; a test may configure Millbrook alone, or under its old id.
        String district = councils.find(DISTRICT).orElseGet(councils::byDefault).id();
        loadFaqs(district, "demo/faqs.yml");
        loadBins(district, "demo/bins/");
        if (councils.find(COUNTY).isPresent()) {
            loadFaqs(COUNTY, "demo/westshire/faqs.yml");
        }
        if (councils.find(WELSH_NEIGHBOUR).isPresent()) {
            loadFaqs(WELSH_NEIGHBOUR, "demo/glanafon/faqs.yml");
            loadBins(WELSH_NEIGHBOUR, "demo/glanafon/bins/");
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

    private void loadFaqs(String council, String path) {
        if (knowledge.count(council) > 0) {
            return;
        }
        List<FaqDraft> faqs =
                faqs(path).stream().map(faq -> faq.forCouncil(council)).toList();
        knowledge.saveAll(faqs, EDITOR);
        log.info("Loaded {} demo FAQs for {}", faqs.size(), councils.of(council).name());
    }

    private void loadBins(String council, String folder) {
        if (bins.propertyCount(council) > 0) {
            return;
        }
        try (Reader rounds = reader(folder + "rounds.csv");
                Reader properties = reader(folder + "properties.csv")) {
            var data = bins.importCsv(
                    council, rounds, "rounds.csv", properties, "properties.csv", null, null, BinImportProgress.SILENT);
            log.info(
                    "Loaded {} demo bin rounds and {} properties for {}",
                    data.rounds().size(),
                    data.properties().size(),
                    councils.of(council).name());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
