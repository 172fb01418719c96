package org.councilchat.knowledge.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SentenceEmbeddingsTests {

    private final SentenceEmbeddings embeddings = SentenceEmbeddings.shared();

    @Test
    void anEmbeddingStartedAheadIsTheSameAsOneMadeThere() {
        String question = "when is my green bin collected";

        float[] ahead = embeddings.embedAhead(question).await();

        assertThat(ahead).containsExactly(embeddings.embed(question));
    }

    @Test
    void manySearchesAtOnceAllGetTheirOwnEmbeddingEvenWhenTheSpareCoresQueueOverflows() throws Exception {
        // Far more at once than the spare cores' short queue holds: what it drops, the caller embeds itself.
        List<String> questions = IntStream.range(0, 64)
                .mapToObj(i -> "how do I pay council tax for flat " + i)
                .toList();
        ExecutorService residents = Executors.newFixedThreadPool(16);
        try {
            List<Future<float[]>> answers = new ArrayList<>();
            for (String question : questions) {
                answers.add(
                        residents.submit(() -> embeddings.embedAhead(question).await()));
            }
            for (int i = 0; i < questions.size(); i++) {
                // The bound only stops a lost task from hanging the build; it is not a speed check.
                assertThat(answers.get(i).get(2, TimeUnit.MINUTES)).containsExactly(embeddings.embed(questions.get(i)));
            }
        } finally {
            residents.shutdownNow();
        }
    }

    @Test
    void anEmbeddingAlreadyAwaitedIsNotMadeAgain() {
        SentenceEmbeddings.Pending pending = embeddings.embedAhead("report a pothole");

        assertThat(pending.await()).isSameAs(pending.await());
    }
}
