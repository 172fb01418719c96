package org.councilchat.knowledge.index;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.util.AttributeSource;

/**
 * Undoes Welsh initial mutations: after each word it adds, at the same position, every word it could be the
 * mutated form of ("nhreth" is also "treth", "fil" is also "bil" and "mil", "ardd" is also "gardd"). A Welsh
 * word changes its first sound after "fy", "ei", "yn", "dy" and many other words, so "my bill" is "fy mil"
 * and "your bill" is "eich bil": without this, an FAQ about "bil" would never match a resident's "fy mil".
 *
 * <p>Lucene has no Welsh stemmer, and a mutation cannot be undone from the word alone ("fil" may be a soft
 * "bil" or a soft "mil"), so every candidate is kept as a synonym, the word as typed first. Indexing FAQ text
 * and analysing residents' words both run this filter, and {@link FaqIndex} keeps, of a resident's
 * candidates, the first that some FAQ contains. A candidate that happens to be another real word can match
 * the wrong FAQ a little; that costs less than never matching a mutated word. Expects lower-case, accent-folded
 * tokens.
 *
 * <p>The mutations undone: soft (c→g, p→b, t→d, g→∅, b→f, d→dd, ll→l, m→f, rh→r), nasal (c→ngh, p→mh, t→nh,
 * g→ng, b→m, d→n), aspirate (c→ch, p→ph, t→th) and the h put before a vowel ("ei henw" is "enw").
 */
final class WelshMutationFilter extends TokenFilter {

    private static final String VOWELS = "aeiouwy";
    /** One letter is no word to unmutate; two letters may be ("dŷ" is "tŷ", "gi" is "ci"). */
    private static final int SHORTEST = 2;

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute position = addAttribute(PositionIncrementAttribute.class);
    private final Deque<String> pending = new ArrayDeque<>();
    private AttributeSource.State current;

    WelshMutationFilter(TokenStream input) {
        super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!pending.isEmpty()) {
            restoreState(current);
            term.setEmpty().append(pending.poll());
            position.setPositionIncrement(0);
            return true;
        }
        if (!input.incrementToken()) {
            return false;
        }
        String word = term.toString();
        if (word.length() >= SHORTEST) {
            Set<String> radicals = radicals(word);
            radicals.remove(word);
            if (!radicals.isEmpty()) {
                pending.addAll(radicals);
                current = captureState();
            }
        }
        return true;
    }

    /** Every word {@code word} could be a mutated form of, most likely first. */
    static Set<String> radicals(String word) {
        Set<String> radicals = new LinkedHashSet<>();
        // Nasal and aspirate first: their prefixes are the longest and the least ambiguous.
        if (word.startsWith("ngh")) {
            radicals.add("c" + word.substring(3));
        } else if (word.startsWith("ng")) {
            radicals.add("g" + word.substring(2));
        }
        replace(word, "mh", "p", radicals);
        replace(word, "nh", "t", radicals);
        replace(word, "ch", "c", radicals);
        replace(word, "ph", "p", radicals);
        replace(word, "th", "t", radicals);
        if (word.startsWith("dd")) {
            radicals.add("d" + word.substring(2));
        } else if (word.startsWith("d")) {
            radicals.add("t" + word.substring(1));
        }
        if (word.startsWith("g") && !word.startsWith("ng")) {
            radicals.add("c" + word.substring(1));
        }
        replace(word, "b", "p", radicals);
        if (word.startsWith("f") && !word.startsWith("ff")) {
            radicals.add("b" + word.substring(1));
            radicals.add("m" + word.substring(1));
        }
        if (word.startsWith("l") && !word.startsWith("ll")) {
            radicals.add("ll" + word.substring(1));
        }
        if (word.startsWith("r") && !word.startsWith("rh")) {
            radicals.add("rh" + word.substring(1));
        }
        if (word.startsWith("m") && !word.startsWith("mh")) {
            radicals.add("b" + word.substring(1));
        }
        if (word.startsWith("n") && !word.startsWith("nh") && !word.startsWith("ng")) {
            radicals.add("d" + word.substring(1));
        }
        if (word.startsWith("h") && word.length() > 1 && VOWELS.indexOf(word.charAt(1)) >= 0) {
            radicals.add(word.substring(1));
        }
        // Soft mutation drops a g altogether: "gardd" becomes "ardd", "gwlad" "wlad", "glan" "lan", "gras" "ras".
        if (VOWELS.indexOf(word.charAt(0)) >= 0 || word.startsWith("l") || word.startsWith("r")) {
            radicals.add("g" + word);
        }
        return radicals;
    }

    private static void replace(String word, String mutated, String radical, Set<String> radicals) {
        if (word.startsWith(mutated)) {
            radicals.add(radical + word.substring(mutated.length()));
        }
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        pending.clear();
        current = null;
    }
}
