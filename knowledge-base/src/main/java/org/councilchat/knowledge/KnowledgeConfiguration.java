package org.councilchat.knowledge;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.councilchat.knowledge.areas.CouncilDirectory;
import org.councilchat.knowledge.bins.BankHolidays;
import org.councilchat.knowledge.bins.BinRoundRepository;
import org.councilchat.knowledge.bins.CollectionCalendar;
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

    @Bean
    CollectionCalendar collectionCalendar(KnowledgeProperties properties, ResourceLoader resources) {
        KnowledgeProperties.Bins bins = properties.bins();
        try {
            BankHolidays holidays =
                    BankHolidays.read(resources.getResource(bins.bankHolidays()).getInputStream(), bins.division());
            return new CollectionCalendar(holidays, bins.bankHolidayRule());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the bank holidays from " + bins.bankHolidays(), e);
        }
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
            KnowledgeProperties properties, BinRoundRepository rounds, CollectionCalendar calendar) {
        String service = properties.bins().collectionServiceUrl();
        if (service != null && !service.isBlank()) {
            log.info(
                    "Bin collection dates come from {}",
                    URI.create(service.replace("{", "").replace("}", "")).getHost());
            return new UkBinCollectionDataSource(service);
        }
        return new RoundsCollectionSource(rounds, calendar);
    }

    private static Reader reader(ResourceLoader resources, String location) throws IOException {
        return new InputStreamReader(resources.getResource(location).getInputStream(), StandardCharsets.UTF_8);
    }
}
