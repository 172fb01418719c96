package org.councilchat.knowledge.feedback;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Groups residents' questions that ask the same thing, so an editor sees "asked 14 times" once rather than 14
 * rows. Each question joins the group it is most similar to on average, when that average reaches the threshold;
 * otherwise it starts a group of its own. The most typical question of a group is the one most similar to the
 * rest (its medoid).
 *
 * <p>NOTE: compares every question with every earlier one, O(n²) similarities: callers bound n (about a thousand
 * questions is a few million dot products, well under a second).
 */
public final class QuestionGroups {

    /** How alike two questions are, 0 (nothing shared) to 1 (the same). */
    @FunctionalInterface
    public interface Similarity {
        double between(int a, int b);
    }

    /** One group: the indices of its questions, in the order given, and the index of its most typical one. */
    public record Group(List<Integer> members, int typical) {}

    private static final Set<String> STOP_WORDS = Set.of(
            "a", "an", "and", "are", "am", "be", "can", "could", "do", "does", "for", "from", "get", "have", "how", "i",
            "in", "is", "it", "me", "my", "of", "on", "or", "please", "the", "there", "to", "was", "we", "what", "when",
            "where", "which", "who", "why", "will", "with", "you", "your", "our", "i'm", "im");

    private QuestionGroups() {}

    public static List<Group> group(int count, Similarity similarity, double threshold) {
        List<List<Integer>> groups = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<Integer> best = null;
            double bestAverage = threshold;
            for (List<Integer> group : groups) {
                double sum = 0;
                for (int member : group) {
                    sum += similarity.between(i, member);
                }
                double average = sum / group.size();
                if (average >= bestAverage) {
                    best = group;
                    bestAverage = average;
                }
            }
            if (best == null) {
                best = new ArrayList<>();
                groups.add(best);
            }
            best.add(i);
        }
        return groups.stream()
                .map(members -> new Group(List.copyOf(members), medoid(members, similarity)))
                .toList();
    }

    private static int medoid(List<Integer> members, Similarity similarity) {
        int typical = members.getFirst();
        double best = -1;
        for (int candidate : members) {
            double sum = 0;
            for (int other : members) {
                if (other != candidate) {
                    sum += similarity.between(candidate, other);
                }
            }
            if (sum > best) {
                best = sum;
                typical = candidate;
            }
        }
        return typical;
    }

    /** The cosine of two unit-length vectors (sentence embeddings). */
    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }

    /**
     * The words that carry a question's meaning, roughly stemmed ("collected", "collection" and "collect" agree),
     * for grouping by shared words when semantic search is off.
     */
    public static Set<String> contentWords(String question) {
        Set<String> words = new HashSet<>();
        for (String word : question.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+")) {
            String bare = word.replaceAll("^'+|'+$", "").replaceAll("'s$", "");
            if (bare.isEmpty() || STOP_WORDS.contains(bare) || bare.startsWith("[")) {
                continue;
            }
            words.add(stem(bare));
        }
        return words;
    }

    private static String stem(String word) {
        for (String ending : List.of("ions", "ion", "ing", "ed", "es", "s")) {
            if (word.length() > ending.length() + 2 && word.endsWith(ending)) {
                return word.substring(0, word.length() - ending.length());
            }
        }
        return word;
    }

    /** Shared words over all words of the two (Jaccard); 0 when either has none. */
    public static double overlap(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        int shared = 0;
        for (String word : a) {
            if (b.contains(word)) {
                shared++;
            }
        }
        return (double) shared / (a.size() + b.size() - shared);
    }
}
