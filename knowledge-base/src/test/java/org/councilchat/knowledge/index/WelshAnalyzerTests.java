package org.councilchat.knowledge.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.councilchat.knowledge.Faq;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Welsh words as the Welsh index sees them: mutations undone, accents folded, the little words gone. */
class WelshAnalyzerTests {

    private final Analyzer welsh = WelshAnalyzer.forWords();

    @ParameterizedTest(name = "\"{0}\" is also \"{1}\"")
    @CsvSource({
        // soft
        "ei gyngor, cyngor",
        "eich dreth, treth",
        "ei fil, bil",
        "ei fil, mil",
        "dy ardd, gardd",
        "ei wlad, gwlad",
        "ei ddefnyddio, defnyddio",
        "ei lyfrgell, llyfrgell",
        "ei rent, rhent",
        "dy fin, bin",
        "i dalu, talu",
        "ei bapur, papur",
        "ei gais, cais",
        // nasal
        "fy nghais, cais",
        "fy nghyngor, cyngor",
        "fy mhapur, papur",
        "fy nhreth, treth",
        "fy ngardd, gardd",
        "fy mil, bil",
        "fy nrws, drws",
        // aspirate
        "ei chais, cais",
        "ei phapur, papur",
        "ei thŷ, ty",
        "i dŷ, ty",
        "fy nhŷ, ty",
        "dy gi, ci",
        // h before a vowel
        "ei henw, enw",
        "ei hardal, ardal",
    })
    void aMutatedWordIsAlsoItsUnmutatedForm(String mutated, String radical) {
        assertThat(terms(mutated)).contains(radical);
    }

    @Test
    void theWordAsTypedComesFirstAndAnUnmutatedWordStaysAsItIs() {
        assertThat(terms("talu")).containsExactly("talu");
        assertThat(terms("treth")).containsExactly("treth");
        assertThat(terms("fy nhreth").getFirst()).isEqualTo("nhreth");
    }

    @Test
    void accentsAndTheDiaeresisAreFolded() {
        assertThat(terms("TŶ")).isEqualTo(terms("ty"));
        assertThat(terms("ffôn")).isEqualTo(terms("ffon"));
        assertThat(terms("copïo")).isEqualTo(terms("copio"));
        assertThat(terms("dŵr")).isEqualTo(terms("dwr"));
        assertThat(terms("caniatâd")).isEqualTo(terms("caniatad"));
    }

    @Test
    void questionWordsAndElisionsAreNotSearched() {
        assertThat(terms("Sut ydw i'n talu?")).containsExactly("talu");
        assertThat(terms("Beth yw’r ateb?")).startsWith("ateb").doesNotContain("beth", "yw", "r");
        assertThat(terms("ble alla i")).isEmpty();
        // "dy" (your) is a little word; "dŷ" (house, after "i") is not.
        assertThat(terms("dy dŷ")).containsExactly("dy", "ty");
    }

    @Test
    void aMutatedQuestionFindsItsFaqInTheWelshIndex() throws IOException {
        try (FaqIndex index = FaqIndex.welsh()) {
            index.rebuild(
                    List.of(
                            faq("bil", "Sut ydw i'n talu bil treth y cyngor?", "<p>Talwch ar-lein.</p>"),
                            faq("gardd", "Casgliadau gwastraff gardd", "<p>Bob pythefnos.</p>"),
                            faq("llyfrgell", "Oriau agor y llyfrgell", "<p>9 tan 5.</p>")),
                    "test");

            for (String asked : List.of("fy mil treth", "talu fy nhreth", "ei bil hi")) {
                assertThat(index.search(asked, 5)).first().satisfies(hit -> {
                    assertThat(hit.faqId()).isEqualTo("bil");
                    assertThat(hit.confidence()).isGreaterThanOrEqualTo(0.6);
                });
            }
            for (String asked : List.of("fy ngardd", "gwastraff ardd", "gardd")) {
                assertThat(index.search(asked, 5).getFirst().faqId()).isEqualTo("gardd");
            }
            assertThat(index.search("pryd mae'r lyfrgell ar agor", 5).getFirst().faqId())
                    .isEqualTo("llyfrgell");
            assertThat(index.search("sut ydw i", 5))
                    .allSatisfy(hit -> assertThat(hit.confidence()).isLessThan(0.6));
        }
    }

    private List<String> terms(String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = welsh.tokenStream("question", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    private static Faq faq(String id, String question, String answer) {
        return new Faq(
                id,
                "test",
                question,
                List.of(),
                answer,
                null,
                Faq.FaqStatus.PUBLISHED,
                "cy",
                1,
                OffsetDateTime.of(2026, 12, 1, 9, 0, 0, 0, ZoneOffset.UTC),
                "test");
    }
}
