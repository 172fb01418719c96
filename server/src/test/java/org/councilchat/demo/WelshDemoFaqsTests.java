package org.councilchat.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.councilchat.knowledge.FaqDraft;
import org.councilchat.knowledge.FaqSearch;
import org.councilchat.knowledge.KnowledgeBase;
import org.councilchat.knowledge.KnowledgeProperties;
import org.councilchat.knowledge.faq.FaqRepository;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The demo council's Welsh FAQs as a Welsh resident meets them: each most-asked topic answered in Welsh from
 * words other than the FAQ's own, English questions still answered in English, and every Welsh FAQ linked to
 * an English one.
 */
class WelshDemoFaqsTests {

    private static JdbcClient jdbc;
    private static KnowledgeBase knowledge;

    @BeforeAll
    static void loadTheDemoCouncil(@TempDir Path index) {
        DataSource dataSource =
                new DriverManagerDataSource("jdbc:h2:mem:demo-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure()
                .placeholders(Map.of("first_council", "default"))
                .dataSource(dataSource)
                .locations("classpath:db/migration/knowledge")
                .load()
                .migrate();
        jdbc = JdbcClient.create(dataSource);
        knowledge = new KnowledgeBase(
                new FaqRepository(jdbc), new KnowledgeProperties(index, 0.6, null), Clock.systemUTC(), event -> {});
        knowledge.saveAll(DemoCouncil.faqs(), DemoCouncil.EDITOR);
    }

    @AfterAll
    static void close() throws IOException {
        knowledge.destroy();
        jdbc.sql("SHUTDOWN").update();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(
            delimiter = '|',
            value = {
                "pa ddiwrnod mae'r biniau'n cael eu casglu? | cy-bin-collection-day-find",
                "dydy'r criw ddim wedi casglu fy min heddiw | cy-missed-bin-collection",
                "ble mae poteli gwydr yn mynd | cy-recycling-what-goes-in-which-bin",
                "allwch chi gasglu hen soffa a gwely | cy-bulky-waste-collection",
                "sut ydw i'n talu treth y cyngor | cy-council-tax-pay",
                "oes modd talu'r dreth gyngor mewn rhandaliadau | cy-council-tax-instalments",
                "gostyngiad i berson sengl ar dreth y cyngor | cy-council-tax-single-person-discount",
                "ydy'r llyfrgell ar agor ddydd Sadwrn | cy-library-opening-hours",
                "mae twll mawr yn y ffordd tu allan i'r tŷ | cy-report-a-pothole",
                "sut mae cael bathodyn glas | cy-blue-badge",
                "mae'r boeler wedi torri yn fy nhŷ cyngor | cy-housing-repair-report",
                "dw i'n ddigartref | cy-homelessness-help",
                "beth yw rhif ffôn y cyngor | cy-contact-the-council"
            })
    void aWelshResidentIsAnsweredInWelsh(String asked, String welshFaq) {
        FaqSearch search = knowledge.search(asked, "cy");

        assertThat(search.confidentAnswer()).map(match -> match.faq().id()).contains(welshFaq);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(
            delimiter = '|',
            value = {
                "how do I report a pothole | report-a-pothole",
                "what is the council's phone number | contact-the-council",
                "what time does the library close | library-opening-hours",
                "set up a direct debit for my council tax | council-tax-pay"
            })
    void anEnglishResidentIsStillAnsweredInEnglish(String asked, String englishFaq) {
        assertThat(knowledge.search(asked).confidentAnswer())
                .map(match -> match.faq().id())
                .contains(englishFaq);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(
            delimiter = '|',
            value = {
                "sut ydw i'n gwneud cais am drwydded parcio i breswylwyr | resident-parking-permit",
                "sut mae cofrestru genedigaeth | register-a-birth"
            })
    void aWelshQuestionOnlyAnEnglishFaqAnswersIsAnsweredInEnglish(String asked, String englishFaq) {
        FaqSearch search = knowledge.search(asked, "cy");

        assertThat(search.confidentAnswer()).map(match -> match.faq().id()).contains(englishFaq);
        assertThat(search.answerIsInAnotherLanguage()).isTrue();
    }

    @Test
    void everyWelshFaqTranslatesAnEnglishOneOnTheSameSite() {
        List<FaqDraft> faqs = DemoCouncil.faqs();
        Map<String, FaqDraft> byId = faqs.stream().collect(Collectors.toMap(FaqDraft::id, Function.identity()));
        List<FaqDraft> welsh =
                faqs.stream().filter(faq -> faq.language().equals("cy")).toList();

        assertThat(welsh).hasSizeGreaterThanOrEqualTo(12);
        assertThat(welsh).allSatisfy(faq -> {
            assertThat(byId.get(faq.translationOf())).isNotNull().satisfies(english -> {
                assertThat(english.language()).isEqualTo("en");
                assertThat(english.serviceArea()).isEqualTo(faq.serviceArea());
            });
            assertThat(faq.sourceUrl()).startsWith("https://www.millbrook.example/cy/");
            assertThat(phoneNumbers(faq.answerHtml()))
                    .isSubsetOf(phoneNumbers(byId.get(faq.translationOf()).answerHtml()));
        });
    }

    private static Set<String> phoneNumbers(String html) {
        return java.util.regex.Pattern.compile("01632 ?96\\d{4}")
                .matcher(html)
                .results()
                .map(match -> match.group().replace(" ", ""))
                .collect(Collectors.toSet());
    }
}
