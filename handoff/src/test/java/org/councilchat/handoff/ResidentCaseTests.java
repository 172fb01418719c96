package org.councilchat.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ResidentCaseTests {

    @Test
    void anAgentCanCallOrEmailTheResidentFromTheContactTheyGave() {
        assertThat(leftWith("07700 900123").contactLink()).isEqualTo("tel:07700900123");
        assertThat(leftWith("+44 (0)1632 960 001").contactLink()).isEqualTo("tel:+4401632960001");
        assertThat(leftWith("sam.jones@example.com").contactLink()).isEqualTo("mailto:sam.jones@example.com");
        assertThat(leftWith("ring after six").contactLink())
                .as("words, not a number")
                .isNull();
        assertThat(leftWith("javascript:alert(1)").contactLink()).isNull();
        assertThat(leftWith(null).contactLink()).isNull();
    }

    private static ResidentCase leftWith(String contact) {
        return new ResidentCase(
                "MB-ABC234",
                "c-1",
                "millbrook",
                "Sam",
                contact,
                "Please call me about my bin",
                "en",
                false,
                ResidentCase.Status.OPEN,
                "",
                Instant.parse("2026-11-23T18:00:00Z"));
    }
}
