package org.councilchat.councils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The councils a deployment serves, as its configuration sets them up: what a council that says nothing more gets,
 * and the mistakes that stop the server with a reason instead of letting one council's residents into another's.
 * Bound from settings as Spring binds {@code council-chat.councils}.
 */
class CouncilsTests {

    @Test
    void aDeploymentThatListsNoCouncilIsOneCouncilNeedingNoNewSetting() {
        Councils councils = bind(Map.of());

        assertThat(councils.all()).singleElement().satisfies(only -> {
            assertThat(only.id()).isEqualTo(Council.DEFAULT_ID);
            assertThat(only.privacyUrl()).isEqualTo("/privacy");
            assertThat(only.languages()).containsExactly("en", "cy");
            assertThat(only.retention()).as("the deployment's").isNull();
            assertThat(only.bankHolidays()).as("the deployment's").isNull();
            assertThat(only.contactCentreHours()).as("the deployment's").isEmpty();
        });
        assertThat(councils.several()).isFalse();
    }

    @Test
    void aCouncilKeepsItsOwnWaysAndTheRestAreTheDeployments() {
        Councils councils = bind(Map.ofEntries(
                Map.entry("council-chat.councils[0].id", "millbrook"),
                Map.entry("council-chat.councils[0].name", "Millbrook District Council"),
                Map.entry("council-chat.councils[1].id", "glanafon"),
                Map.entry("council-chat.councils[1].name", "Glanafon Council"),
                Map.entry("council-chat.councils[1].languages", "cy,en"),
                Map.entry("council-chat.councils[1].data-controller", "Glanafon Joint Committee"),
                Map.entry("council-chat.councils[1].contact-centre-hours", "MON-FRI 08:30-18:00,SAT 09:00-12:00"),
                Map.entry("council-chat.councils[1].closed-on-bank-holidays", "false"),
                Map.entry("council-chat.councils[1].bank-holidays", "england-and-wales"),
                Map.entry("council-chat.councils[1].bank-holiday-rule", "no-change"),
                Map.entry("council-chat.councils[1].retention", "180d")));

        Council millbrook = councils.of("millbrook");
        assertThat(millbrook.dataController()).as("the council itself").isEqualTo("Millbrook District Council");
        assertThat(millbrook.privacyUrl()).isEqualTo("/privacy?council=millbrook");
        Council glanafon = councils.of("glanafon");
        assertThat(glanafon.languages()).containsExactly("cy", "en");
        assertThat(glanafon.dataController()).isEqualTo("Glanafon Joint Committee");
        assertThat(glanafon.contactCentreHours()).containsExactly("MON-FRI 08:30-18:00", "SAT 09:00-12:00");
        assertThat(glanafon.closedOnBankHolidays()).isFalse();
        assertThat(glanafon.bankHolidayRule()).isEqualTo("NO_CHANGE");
        assertThat(glanafon.retention()).isEqualTo(Duration.ofDays(180));
        assertThat(councils.among(Set.of("glanafon", "millbrook", "eastshire")))
                .as("in configuration order, unknown ids left out")
                .extracting(Council::id)
                .containsExactly("millbrook", "glanafon");
    }

    @Test
    void aMistakeInACouncilsSettingsSaysWhatToWrite() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> council(Map.of("bank-holidays", "wales")))
                .withMessage("Council 'glanafon' keeps the bank holidays of 'wales': give one of england-and-wales,"
                        + " scotland, northern-ireland");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> council(Map.of("bank-holiday-rule", "skip")))
                .withMessageContaining("give one of SHIFT_REST_OF_WEEK, NO_CHANGE");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> council(Map.of("retention", "0d")))
                .withMessageContaining("give a positive time, e.g. 365d");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> council(Map.of("languages", "en,fr")))
                .withMessageContaining("the chat speaks en (English) and cy (Welsh)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> council(Map.of("origins", "https://www.glanafon.example/chat")))
                .withMessageContaining("scheme, host and port only");
    }

    @Test
    void twoCouncilsClaimingOneSiteOrAServiceFromNoCouncilStopTheServer() {
        assertThatIllegalStateException()
                .isThrownBy(() -> new Councils(new CouncilsProperties(List.of(
                        new Council("millbrook", "Millbrook", List.of("https://www.shared.example"), null, null, null),
                        new Council("glanafon", "Glanafon", List.of("https://www.shared.example"), null, null, null)))))
                .withMessageContaining("a page can belong to one council only");
        assertThatIllegalStateException()
                .isThrownBy(() -> bind(Map.of(
                        "council-chat.councils[0].id", "millbrook",
                        "council-chat.councils[0].name", "Millbrook",
                        "council-chat.councils[0].services-from.highways", "westshire")))
                .withMessageContaining("not another council");
    }

    /** Glanafon with these settings of its own (names as in YAML). */
    private static Council council(Map<String, String> settings) {
        Map<String, String> all = new java.util.HashMap<>(
                Map.of("council-chat.councils[0].id", "glanafon", "council-chat.councils[0].name", "Glanafon Council"));
        settings.forEach((name, value) -> all.put("council-chat.councils[0]." + name, value));
        try {
            return bind(all).of("glanafon");
        } catch (org.springframework.boot.context.properties.bind.BindException bound) {
            // Binding wraps what the record said; the reason is what a person reads.
            Throwable reason = bound;
            while (reason.getCause() != null) {
                reason = reason.getCause();
            }
            throw reason instanceof IllegalArgumentException wrong ? wrong : bound;
        }
    }

    private static Councils bind(Map<String, String> settings) {
        return new Councils(new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("council-chat", CouncilsProperties.class));
    }
}
