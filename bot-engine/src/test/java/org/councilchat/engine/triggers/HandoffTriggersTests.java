package org.councilchat.engine.triggers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.councilchat.engine.triggers.HandoffTriggers.Concern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped phrase lists against how residents really write, and the file's checks. */
class HandoffTriggersTests {

    private static HandoffTriggers shipped;

    @BeforeAll
    static void readTheShippedPhrases() throws IOException {
        try (InputStream yaml = HandoffTriggersTests.class.getResourceAsStream("/dialogue/handoff-triggers.yml")) {
            shipped = HandoffTriggers.read(yaml, "handoff-triggers.yml");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            I’m going to KILL MYSELF tonight                          | SELF_HARM
            i dont want to be alive anymore                           | SELF_HARM
            I keep self-harming and I can't stop                      | SELF_HARM
            i have been thinking about suicide                        | SELF_HARM
            Dwi eisiau marw                                           | SELF_HARM
            rwy'n meddwl am hunanladdiad                              | SELF_HARM
            my boyfriend hit me last night                            | DOMESTIC_ABUSE
            my ex-husband threatened to kill me                       | DOMESTIC_ABUSE
            Mae fy ngŵr yn fy nharo                                   | DOMESTIC_ABUSE
            there are kids left alone in the flat below for days      | CHILD_AT_RISK
            I have a safeguarding concern about my niece              | CHILD_AT_RISK
            plentyn mewn perygl drws nesaf                            | CHILD_AT_RISK
            my nan is a vulnerable adult and her carer takes her money | ADULT_AT_RISK
            I think my neighbour is a victim of cuckooing             | ADULT_AT_RISK
            I’m homeless tonight with two kids                         | HOMELESS_TONIGHT
            we've been kicked out by the landlord                     | HOMELESS_TONIGHT
            does the council help people sleeping rough?              | HOMELESS_TONIGHT
            rwy’n ddigartref heno                                      | HOMELESS_TONIGHT
            """)
    void recognisesDisclosures(String words, Concern concern) {
        assertThat(shipped.safeguarding(words)).as(words).contains(concern);
    }

    /** Near misses residents really write: a listed word is there, but not the phrase. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "how do I kill the weeds on my allotment",
                "my back is killing me after carrying the bins",
                "I'm dying to know when the tip opens",
                "I hurt myself on a pothole on Station Road, how do I claim?",
                "the play park is being neglected",
                "my child's school uniform grant",
                "who do I talk to about a risk assessment for my childminder",
                "is the homeless shelter looking for volunteers",
                "a sofa has been thrown out on our street",
                "skill myself up with a library course",
                "my bin is at risk of blowing over",
                "cais am gymorth diogelu data"
            })
    void leavesNearMissesAlone(String words) {
        assertThat(shipped.safeguarding(words)).as(words).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "this is USELESS",
                "you're not helping me",
                "what a waste of time",
                "ffs",
                "fucking bin men",
                "dwyt ti ddim yn helpu"
            })
    void recognisesFrustration(String words) {
        assertThat(shipped.frustrated(words)).as(words).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "is it a waste of time rinsing tins?",
                "I'm not helping my mum move, I just need a bulky waste collection",
                "can shiitake mushroom trays go in the food bin",
                "Scunthorpe library opening hours",
                "is the new app helpful"
            })
    void leavesOrdinaryQuestionsAlone(String words) {
        assertThat(shipped.frustrated(words)).as(words).isFalse();
    }

    @Test
    void aStarStandsForExactlyOneWord() {
        HandoffTriggers triggers = read("""
                safeguarding:
                  self-harm: {en: [unused phrase]}
                  domestic-abuse: {en: [my * hits me]}
                  child-at-risk: {en: [unused phrase]}
                  adult-at-risk: {en: [unused phrase]}
                  homeless-tonight: {en: [unused phrase]}
                frustration: {en: [unused phrase]}
                """);

        assertThat(triggers.safeguarding("my husband hits me")).contains(Concern.DOMESTIC_ABUSE);
        assertThat(triggers.safeguarding("my hits me")).isEmpty();
        assertThat(triggers.safeguarding("my new husband hits me")).isEmpty();
    }

    @Test
    void aMissingConcernIsNamed() {
        assertThatThrownBy(() -> read("""
                        safeguarding:
                          self-harm: {en: [suicide]}
                        frustration: {en: [useless]}
                        """))
                .isInstanceOf(TriggerPhrasesInvalid.class)
                .hasMessageContaining("test.yml")
                .hasMessageContaining("domestic-abuse");
    }

    @Test
    void anUnknownLanguageOrAnEmptyPhraseIsNamed() {
        String concerns = """
                  domestic-abuse: {en: [a]}
                  child-at-risk: {en: [a]}
                  adult-at-risk: {en: [a]}
                  homeless-tonight: {en: [a]}
                """;
        assertThatThrownBy(() ->
                        read("safeguarding:\n  self-harm: {fr: [suicide]}\n" + concerns + "frustration: {en: [a]}"))
                .isInstanceOf(TriggerPhrasesInvalid.class)
                .hasMessageContaining("safeguarding.self-harm has language 'fr'");
        assertThatThrownBy(
                        () -> read("safeguarding:\n  self-harm: {en: ['  ']}\n" + concerns + "frustration: {en: [a]}"))
                .isInstanceOf(TriggerPhrasesInvalid.class)
                .hasMessageContaining("safeguarding.self-harm.en has an empty phrase");
        assertThatThrownBy(
                        () -> read("safeguarding:\n  self-harm: {en: ['!!']}\n" + concerns + "frustration: {en: [a]}"))
                .isInstanceOf(TriggerPhrasesInvalid.class)
                .hasMessageContaining("has no words");
    }

    @Test
    void brokenYamlIsReportedWithTheFileName() {
        assertThatThrownBy(() -> read("safeguarding: [unclosed"))
                .isInstanceOf(TriggerPhrasesInvalid.class)
                .hasMessageStartingWith("test.yml is not readable YAML");
    }

    private static HandoffTriggers read(String yaml) {
        return HandoffTriggers.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yml");
    }
}
