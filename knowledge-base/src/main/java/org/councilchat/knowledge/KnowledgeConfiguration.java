package org.councilchat.knowledge;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.councilchat.councils.Council;
import org.councilchat.councils.Councils;
import org.councilchat.knowledge.areas.CouncilDirectory;
import org.councilchat.knowledge.bins.BankHolidays;
import org.councilchat.knowledge.bins.BinRoundRepository;
import org.councilchat.knowledge.bins.CollectionCalendar;
import org.councilchat.knowledge.bins.CollectionCalendars;
import org.councilchat.knowledge.bins.CollectionSource;
import org.councilchat.knowledge.bins.RoundsCollectionSource;
import org.councilchat.knowledge.bins.UkBinCollectionDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/** Registers the knowledge base's settings and the bin calendar; its services are found by component scanning. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KnowledgeProperties.class)
class KnowledgeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeConfiguration.class);

    /**
     * The deployment's bin calendar, and one for each council that keeps another division's bank holidays or
     * another bank-holiday rule (a shared service across a border).
     */
    @Bean
    CollectionCalendars collectionCalendars(
            KnowledgeProperties properties, ResourceLoader resources, Councils councils) {
        KnowledgeProperties.Bins bins = properties.bins();
        byte[] json;
        try (InputStream in = resources.getResource(bins.bankHolidays()).getInputStream()) {
            json = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the bank holidays from " + bins.bankHolidays(), e);
        }
        Map<String, BankHolidays> divisions = new HashMap<>();
        Function<String, BankHolidays> division =
                name -> divisions.computeIfAbsent(name, d -> BankHolidays.read(new ByteArrayInputStream(json), d));
        CollectionCalendar deployment = new CollectionCalendar(division.apply(bins.division()), bins.bankHolidayRule());
        Map<String, CollectionCalendar> byCouncil = new LinkedHashMap<>();
        for (Council council : councils.all()) {
            if (council.bankHolidays() != null || council.bankHolidayRule() != null) {
                byCouncil.put(
                        council.id(),
                        new CollectionCalendar(
                                division.apply(
                                        council.bankHolidays() == null ? bins.division() : council.bankHolidays()),
                                council.bankHolidayRule() == null
                                        ? bins.bankHolidayRule()
                                        : BankHolidayRule.valueOf(council.bankHolidayRule())));
            }
        }
        return new CollectionCalendars(deployment, byCouncil);
    }

    @Bean
    CouncilDirectory councilDirectory(KnowledgeProperties properties, ResourceLoader resources) {
        KnowledgeProperties.Bins bins = properties.bins();
        try (Reader councils = reader(resources, bins.localAuthorities())) {
            CouncilDirectory directory = CouncilDirectory.fromLocalAuthorities(councils);
            for (String table : bins.postcodeTables()) {
                try (Reader postcodes = reader(resources, table)) {
                    int added = directory.addPostcodes(postcodes, table);
                    log.info("Loaded {} postcodes from {}", added, table);
                }
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the council and postcode tables", e);
        }
    }

    @Bean
    CollectionSource collectionSource(
            KnowledgeProperties properties, BinRoundRepository rounds, CollectionCalendars calendars) {
        String service = properties.bins().collectionServiceUrl();
        if (service != null && !service.isBlank()) {
            log.info(
                    "Bin collection dates come from {}",
                    URI.create(service.replace("{", "").replace("}", "")).getHost());
            return new UkBinCollectionDataSource(service);
        }
        return new RoundsCollectionSource(rounds, calendars);
    }

    private static Reader reader(ResourceLoader resources, String location) throws IOException {
        return new InputStreamReader(resources.getResource(location).getInputStream(), StandardCharsets.UTF_8);
    }
}
