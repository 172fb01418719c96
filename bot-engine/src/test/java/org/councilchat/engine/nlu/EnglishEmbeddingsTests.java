package org.councilchat.engine.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Function;
import org.junit.jupiter.api.Test;

class EnglishEmbeddingsTests {

    private static final Function<String, float[]> ONES = text -> {
        float[] vector = new float[384];
        java.util.Arrays.fill(vector, 1f);
        return vector;
    };

    @Test
    void aWelshMessageGetsNoEmbedding() {
        float[] vector = EnglishEmbeddings.only(ONES).apply("dw i isio talu fy nhreth cyngor");

        assertThat(vector).hasSize(384).containsOnly(0f);
    }

    @Test
    void anEnglishMessageKeepsItsEmbedding() {
        float[] vector = EnglishEmbeddings.only(ONES).apply("I want to pay my council tax");

        assertThat(vector).containsOnly(1f);
    }
}
