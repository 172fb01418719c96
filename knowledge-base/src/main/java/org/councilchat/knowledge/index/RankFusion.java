package org.councilchat.knowledge.index;

/**
 * How the word match (BM25 and coverage) and the meaning match (sentence similarity) of one FAQ are fused
 * into one score in [0,1] that both ranks the FAQs and is the confidence the bot acts on. A weighted sum of
 * absolute signals rather than of ranks, so that the top hit of a question no FAQ answers still scores low.
 *
 * @param coverageWeight weight of the share of the question's words the FAQ covers
 * @param bm25Weight weight of the BM25 score relative to the best BM25 score for the question
 * @param allWordsWeight weight of the BM25 score, relative to the best, of the question and phrasings with
 *     every word kept, small ones included ("how many" against "what is" tells two FAQs apart)
 * @param similarityWeight weight of the sentence similarity, rescaled between {@code similarityFloor} and
 *     {@code similarityCeiling}
 * @param answerDiscount how much less a similar answer counts than a similar question or phrasing
 * @param similarityFloor the cosine at or below which texts are taken as unrelated (0 after rescaling)
 * @param similarityCeiling the cosine at or above which texts are taken as saying the same (1)
 * @param answerWordBoost how much a word in the answer counts in BM25, against 1 for the question and phrasings
 */
record RankFusion(
        double coverageWeight,
        double bm25Weight,
        double allWordsWeight,
        double similarityWeight,
        double answerDiscount,
        double similarityFloor,
        double similarityCeiling,
        double answerWordBoost) {

    /** Tuned on the dev queries of the two evaluation sets only (see README, "FAQ retrieval"). */
    static final RankFusion DEFAULT = new RankFusion(0.2, 0, 0.4, 0.4, 1.0, 0.2, 0.8, 0.33);

    /**
     * For Welsh FAQs, which have no meaning signal (the model is English-only). The all-words score is relative
     * to the best for the question, so it is 1 for the top hit of any question at all; shared out as in {@link
     * #withoutMeaning()} it alone carried "sut ydw i'n" (how do I) over the threshold for any FAQ worded that
     * way, and an FAQ sharing one word of three with a question looked answered. Here the share of the resident's
     * informative words that the FAQ covers decides: the top hit must cover at least half of them to reach the
     * usual threshold of 0.6, and a question it does not is searched in English instead. Set on the Welsh checks
     * in the tests (the demo council's Welsh FAQs), not tuned on an evaluation set: there is no Welsh one yet.
     */
    static final RankFusion WELSH = new RankFusion(0.8, 0, 0.2, 0, 1.0, 0.2, 0.8, 0.33);

    /** The same fusion for an index without sentence embeddings. */
    RankFusion withoutMeaning() {
        return new RankFusion(
                coverageWeight,
                bm25Weight,
                allWordsWeight,
                0,
                answerDiscount,
                similarityFloor,
                similarityCeiling,
                answerWordBoost);
    }

    double score(FaqIndex.Candidate candidate) {
        double similarity = Math.max(candidate.questionSimilarity(), answerDiscount * candidate.answerSimilarity());
        double meaning = Math.clamp((similarity - similarityFloor) / (similarityCeiling - similarityFloor), 0, 1);
        double total = coverageWeight + bm25Weight + allWordsWeight + similarityWeight;
        double fused = (coverageWeight * candidate.coverage()
                        + bm25Weight * candidate.relativeBm25()
                        + allWordsWeight * candidate.relativeAllWordsBm25()
                        + similarityWeight * meaning)
                / total;
        return Math.clamp(fused, 0, 1);
    }
}
