package org.councilchat.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.councilchat.knowledge.faq.FaqRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A council with FAQs in both languages, some of them translations of each other: Welsh questions get Welsh
 * FAQs where there are any, English ones (and a way to say so) where there are none, English questions as before.
 */
class WelshKnowledgeTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T10:15:00Z"), ZoneOffset.UTC);

    private static final List<FaqDraft> FAQS = List.of(
            faq(
                    "council-tax-pay",
                    "en",
                    null,
                    "How do I pay my council tax?",
                    "<p>Pay by Direct Debit, online with a debit card, or by phone on 01632 960200.</p>",
                    "ways to pay council tax",
                    "set up a direct debit for council tax"),
            faq(
                    "treth-gyngor-talu",
                    "cy",
                    "council-tax-pay",
                    "Sut ydw i'n talu fy nhreth gyngor?",
                    "<p>Talwch drwy Ddebyd Uniongyrchol, ar-lein gyda cherdyn debyd, neu dros y ffôn ar 01632 960200.</p>",
                    "ffyrdd o dalu treth y cyngor",
                    "sefydlu debyd uniongyrchol ar gyfer treth y cyngor"),
            faq(
                    "missed-bin",
                    "en",
                    null,
                    "My bin was not collected. What should I do?",
                    "<p>Report a missed bin within 2 working days.</p>",
                    "report a missed bin",
                    "bin men missed my bin"),
            faq(
                    "bin-heb-ei-gasglu",
                    "cy",
                    "missed-bin",
                    "Chafodd fy min ddim ei gasglu. Beth ddylwn i ei wneud?",
                    "<p>Rhowch wybod am fin sydd heb ei gasglu o fewn 2 ddiwrnod gwaith.</p>",
                    "rhoi gwybod am fin heb ei gasglu",
                    "ni chafodd y bin ei wagio"),
            faq(
                    "parking-permit",
                    "en",
                    null,
                    "How do I apply for a resident parking permit?",
                    "<p>Apply online. Visitor permits are sold in books of 10.</p>",
                    "parking permit for my street",
                    "visitor parking permits"),
            faq(
                    "register-birth",
                    "en",
                    null,
                    "How do I register a birth?",
                    "<p>Book an appointment within 42 days of the birth.</p>",
                    "registering my baby",
                    "birth certificate appointment"));

    private static TestDatabase database;
    private static KnowledgeBase knowledge;

    @BeforeAll
    static void openCouncil(@TempDir Path index) {
        database = TestDatabase.migrated();
        knowledge = new KnowledgeBase(
                new FaqRepository(database.jdbc()), new KnowledgeProperties(index, 0.6, null), CLOCK, event -> {});
        FAQS.forEach(faq -> knowledge.save(faq, "editor@millbrook.example"));
    }

    @AfterAll
    static void closeCouncil() throws IOException {
        knowledge.destroy();
        database.shutdown();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "sut ydw i'n talu treth y cyngor | treth-gyngor-talu",
                "Sut mae talu fy nhreth gyngor? | treth-gyngor-talu",
                "debyd uniongyrchol treth | treth-gyngor-talu",
                "dyw fy min ddim wedi cael ei gasglu | bin-heb-ei-gasglu",
                "chafodd y bin mo'i gasglu heddiw | bin-heb-ei-gasglu"
            })
    void aWelshQuestionIsAnsweredByTheWelshFaq(String asked, String welshFaq) {
        FaqSearch search = knowledge.search(asked, "cy");

        assertThat(search.confidentAnswer()).map(match -> match.faq().id()).contains(welshFaq);
        assertThat(search.answerIsInAnotherLanguage()).isFalse();
    }

    @Test
    void anEnglishQuestionStillFindsTheEnglishFaq() {
        assertThat(knowledge.search("how can I pay my council tax").confidentAnswer())
                .map(match -> match.faq().id())
                .contains("council-tax-pay");
        assertThat(knowledge.search("the bin men didnt empty my bin", "en").confidentAnswer())
                .map(match -> match.faq().id())
                .contains("missed-bin");
        assertThat(knowledge.search("sut ydw i'n talu treth y cyngor").hits())
                .noneMatch(match -> match.faq().language().equals("cy"));
    }

    @Test
    void aWelshQuestionOnlyAnEnglishFaqAnswersFallsBackToEnglishAndSaysSo() {
        FaqSearch search = knowledge.search("sut ydw i'n cael trwydded parcio i breswylwyr", "cy");

        assertThat(search.confidentAnswer()).map(match -> match.faq().id()).contains("parking-permit");
        assertThat(search.answerIsInAnotherLanguage()).isTrue();
        assertThat(search.askedIn()).isEqualTo("cy");
    }

    @Test
    void aWelshChatFoundTheEnglishFaqIsGivenItsWelshTranslation() {
        // Typed in English in a Welsh chat: the Welsh FAQs share no word with it, the English one does.
        FaqSearch search = knowledge.search("how do I pay my council tax by direct debit", "cy");

        assertThat(search.confidentAnswer()).map(match -> match.faq().id()).contains("treth-gyngor-talu");
        assertThat(search.answerIsInAnotherLanguage()).isFalse();
        assertThat(search.hits()).extracting(match -> match.faq().id()).doesNotHaveDuplicates();
    }

    @Test
    void aWelshQuestionNoFaqAnswersGetsNoConfidentAnswer() {
        assertThat(knowledge.search("ble mae'r pwll nofio agosaf", "cy").confidentAnswer())
                .isEmpty();
    }

    @Test
    void anFaqWhoseLanguageChangesMovesToTheOtherLanguagesIndex(@TempDir Path index) throws IOException {
        TestDatabase own = TestDatabase.migrated();
        KnowledgeBase council = new KnowledgeBase(
                new FaqRepository(own.jdbc()), new KnowledgeProperties(index, 0.6, null), CLOCK, event -> {});
        try {
            FaqDraft english = FAQS.get(1);
            FaqDraft mislabelled = new FaqDraft(
                    english.id(),
                    english.serviceArea(),
                    english.question(),
                    english.phrasings(),
                    english.answerHtml(),
                    null,
                    Faq.FaqStatus.PUBLISHED,
                    "en");
            council.save(mislabelled, "editor@millbrook.example");
            assertThat(council.search("talu fy nhreth gyngor", "cy").confidentAnswer())
                    .isEmpty();

            council.save(english, "editor@millbrook.example");

            assertThat(council.search("talu fy nhreth gyngor", "cy").confidentAnswer())
                    .map(match -> match.faq().translationOf())
                    .contains("council-tax-pay");
            assertThat(council.search("talu fy nhreth gyngor").hits()).isEmpty();
        } finally {
            council.destroy();
            own.shutdown();
        }
    }

    private static FaqDraft faq(
            String id, String language, String translationOf, String question, String answer, String... phrasings) {
        return new FaqDraft(
                id,
                "test",
                question,
                List.of(phrasings),
                answer,
                null,
                Faq.FaqStatus.PUBLISHED,
                language,
                null,
                null,
                translationOf);
    }
}
