package org.councilchat.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.councilchat.knowledge.bins.BankHolidays;
import org.councilchat.knowledge.bins.CollectionCalendar;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/** Registers the knowledge base's settings and the bin calendar; its services are found by component scanning. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KnowledgeProperties.class)
class KnowledgeConfiguration {

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
}
