package org.councilchat.knowledge.areas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.councilchat.knowledge.Council;
import org.councilchat.knowledge.Postcode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which council serves a postcode, from real ONSPD and Code-Point Open samples and GOV.UK's council list. */
class CouncilDirectoryTests {

    private CouncilDirectory councils;

    @BeforeEach
    void loadCouncils() {
        councils = CouncilDirectory.fromLocalAuthorities(resource("/areas/govuk-local-authorities.csv"));
    }

    @Test
    void namesTheCouncilForAnOnspdPostcode() {
        assertThat(councils.addPostcodes(resource("/postcodes/onspd-sample.csv"), "onspd-sample.csv"))
                .isPositive();
        assertThat(councils.councilFor(postcode("AB10 1AB"))).map(Council::name).contains("Aberdeen City Council");
        assertThat(councils.councilFor(postcode("AB10 1AB")))
                .map(Council::website)
                .contains("https://www.aberdeencity.gov.uk/");
    }

    @Test
    void skipsTerminatedPostcodesAndPseudoCodes() {
        councils.addPostcodes(resource("/postcodes/onspd-sample.csv"), "onspd-sample.csv");
        assertThat(councils.councilFor(postcode("SE1 9ZZ")))
                .as("terminated in 1998")
                .isEmpty();
        assertThat(councils.councilFor(postcode("JE2 4WD")))
                .as("Jersey has no UK council")
                .isEmpty();
    }

    @Test
    void readsRawCodePointOpenWithoutAHeader() {
        assertThat(councils.addPostcodes(resource("/postcodes/codepoint-open-ZE.csv"), "ze.csv"))
                .isEqualTo(650);
        assertThat(councils.councilFor(postcode("ZE1 0AA")))
                .map(Council::name)
                .hasValueSatisfying(name -> assertThat(name).contains("Shetland"));
    }

    @Test
    void readsCodePointOpenWithItsHeaderRow() {
        String csv = "Postcode,Positional_quality_indicator,Eastings,Northings,Country_code,NHS_regional_HA_code,"
                + "NHS_HA_code,Admin_county_code,Admin_district_code,Admin_ward_code\n"
                + "\"TD124FH\",10,382567,638658,\"E92000001\",\"E19000001\",\"E18000001\",\"\",\"E06000057\",\"E05009158\"\n";
        councils.addPostcodes(new StringReader(csv), "td.csv");
        assertThat(councils.councilFor(postcode("TD12 4FH")))
                .map(Council::name)
                .hasValueSatisfying(name -> assertThat(name).contains("Northumberland"));
    }

    @Test
    void refusesAFileItCannotUnderstand() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> councils.addPostcodes(new StringReader("a,b,c\n1,2,3\n"), "mystery.csv"))
                .withMessageContaining("mystery.csv line 1");
    }

    private static Postcode postcode(String value) {
        return Postcode.parse(value).orElseThrow();
    }

    private static Reader resource(String path) {
        return new InputStreamReader(CouncilDirectoryTests.class.getResourceAsStream(path), StandardCharsets.UTF_8);
    }
}
