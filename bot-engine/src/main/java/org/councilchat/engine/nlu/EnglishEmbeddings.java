package org.councilchat.engine.nlu;

import java.util.function.Function;
import org.councilchat.engine.WrittenLanguage;
import org.councilchat.knowledge.SentenceEmbedder;

/**
 * Sentence embeddings for English messages only. all-MiniLM-L6-v2 was trained on English: it reads "fy min i"
 * or "nghyfrif treth cyngor" as word pieces of nothing in particular, and Welsh examples trained with those
 * vectors taught the SVM to find Welsh intents in the part of the space where short English messages ("hiya",
 * "ta") also fall: English validation accuracy fell from 0.9474 to 0.9243 when the Welsh set was added. A
 * Welsh message gets an all-zero embedding instead, so the model reads it by its words and characters alone,
 * and English keeps what the embeddings give it: 0.9474 again, for Welsh validation accuracy 0.9408 rather
 * than 0.9507.
 *
 * <p>NOTE: the language guess is a few microseconds per message; the guesser is built once, on first use.
 */
final class EnglishEmbeddings {

    private static final float[] NONE = new float[SentenceEmbedder.DIMENSIONS];

    private EnglishEmbeddings() {}

    /** {@code embedding}, except for messages written in Welsh, which get zeros. */
    static Function<String, float[]> only(Function<String, float[]> embedding) {
        return text -> isWelsh(text) ? NONE : embedding.apply(text);
    }

    static boolean isWelsh(String text) {
        return Language.GUESSER.guess(text).isWelsh();
    }

    /** Built on first use, not when a model without embeddings is loaded. */
    private static final class Language {
        static final WrittenLanguage GUESSER = WrittenLanguage.fromTrainingData();
    }
}
