package org.councilchat.knowledge.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTests {

    @Test
    void replacesEmailAddressesPhoneNumbersCardNumbersAndPostcodes() {
        assertThat(Redaction.redact("my bin at MB1 1AA was missed, email pat.jones+bins@example.co.uk"))
                .isEqualTo("my bin at [postcode] was missed, email [email]");
        assertThat(Redaction.redact("call me on 07700 900123 or +44 7700 900123 or (01632) 960 001"))
                .isEqualTo("call me on [phone] or [phone] or [phone]");
        assertThat(Redaction.redact("pay with 4111 1111 1111 1111 please")).isEqualTo("pay with [card] please");
        assertThat(Redaction.redact("card 4111-1111-1111-1111")).isEqualTo("card [card]");
        assertThat(Redaction.redact("postcode mb21aa")).isEqualTo("postcode [postcode]");
    }

    @Test
    void leavesTheQuestionItselfAlone() {
        assertThat(Redaction.redact("can I pay £120 in 10 instalments from 1 April 2027?"))
                .isEqualTo("can I pay £120 in 10 instalments from 1 April 2027?");
        assertThat(Redaction.redact("is the A38 closed")).isEqualTo("is the A38 closed");
    }
}
