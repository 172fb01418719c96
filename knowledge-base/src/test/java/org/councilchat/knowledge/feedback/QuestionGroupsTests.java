package org.councilchat.knowledge.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.councilchat.knowledge.SentenceEmbedder;
import org.junit.jupiter.api.Test;

class QuestionGroupsTests {

    private static final List<String> ASKED = List.of(
            "can I get a parking permit for my visitors",
            "how do I pay my council tax",
            "visitor parking permits",
            "where do I get a visitors parking permit",
            "do you collect old mattresses");

    @Test
    void groupsQuestionsThatMeanTheSameBySentenceEmbeddings() {
        List<float[]> vectors = SentenceEmbedder.shared().embedAll(ASKED);

        List<QuestionGroups.Group> groups = QuestionGroups.group(
                ASKED.size(), (a, b) -> QuestionGroups.cosine(vectors.get(a), vectors.get(b)), 0.7);

        assertThat(groups).hasSize(3);
        QuestionGroups.Group parking = groups.getFirst();
        assertThat(parking.members()).containsExactly(0, 2, 3);
        assertThat(parking.members()).contains(parking.typical());
    }

    @Test
    void withoutEmbeddingsGroupsQuestionsThatShareTheirWords() {
        List<String> asked =
                List.of("when is my bin collected", "when will my bins be collected", "how do I pay council tax");
        List<Set<String>> words =
                asked.stream().map(QuestionGroups::contentWords).toList();

        List<QuestionGroups.Group> groups =
                QuestionGroups.group(asked.size(), (a, b) -> QuestionGroups.overlap(words.get(a), words.get(b)), 0.5);

        assertThat(groups).extracting(QuestionGroups.Group::members).containsExactly(List.of(0, 1), List.of(2));
    }

    @Test
    void theTypicalQuestionIsTheOneMostLikeTheOthers() {
        // 1 is close to both 0 and 2, which are less alike each other
        double[][] similar = {{1, 0.9, 0.7}, {0.9, 1, 0.9}, {0.7, 0.9, 1}};

        List<QuestionGroups.Group> groups = QuestionGroups.group(3, (a, b) -> similar[a][b], 0.6);

        assertThat(groups)
                .singleElement()
                .extracting(QuestionGroups.Group::typical)
                .isEqualTo(1);
    }
}
