package org.councilchat.engine.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResidentTextTests {

    @Test
    void welshWithAndWithoutCircumflexesIsTheSameWords() {
        assertThat(ResidentText.tokens("Faint yw'r tâl am y tŷ? Dŵr!"))
                .containsExactly(ResidentText.tokens("faint ywr tal am y ty dwr"));
    }
}
