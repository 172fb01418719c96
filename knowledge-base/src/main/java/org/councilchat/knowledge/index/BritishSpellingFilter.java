package org.councilchat.knowledge.index;

import java.io.IOException;
import java.util.Set;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Rewrites the American {@code -ize}/{@code -yze} word families to the British {@code -ise}/{@code -yse}
 * ("organize", "organization", "analyzing" become "organise", "organisation", "analysing"), so residents
 * and FAQs match whichever spelling they use. Spellings that are not a suffix rule (colour/color) are in
 * the synonym list instead. Expects lower-case tokens.
 */
final class BritishSpellingFilter extends TokenFilter {

    private static final String[][] ENDINGS = {
        {"izations", "isations"},
        {"ization", "isation"},
        {"izing", "ising"},
        {"izers", "isers"},
        {"izer", "iser"},
        {"ized", "ised"},
        {"izes", "ises"},
        {"ize", "ise"},
        {"yzing", "ysing"},
        {"yzed", "ysed"},
        {"yzes", "yses"},
        {"yze", "yse"}
    };

    /** Words where "ize" is not the verb ending, so British English spells them the same way. */
    private static final Set<String> SAME_IN_BOTH = Set.of(
            "size",
            "sizes",
            "sized",
            "sizing",
            "prize",
            "prizes",
            "seize",
            "seized",
            "seizes",
            "seizing",
            "capsize",
            "capsized",
            "downsize",
            "downsized",
            "downsizing",
            "oversize",
            "oversized",
            "resize",
            "resized",
            "resizing",
            "maize",
            "baize");

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

    BritishSpellingFilter(TokenStream input) {
        super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        // NOTE: most tokens contain no 'z'; checking for one first keeps this filter nearly free.
        if (term.length() > 5 && indexOfZ() >= 0) {
            String word = term.toString();
            if (!SAME_IN_BOTH.contains(word)) {
                for (String[] ending : ENDINGS) {
                    if (word.endsWith(ending[0])) {
                        term.setEmpty()
                                .append(word, 0, word.length() - ending[0].length())
                                .append(ending[1]);
                        break;
                    }
                }
            }
        }
        return true;
    }

    private int indexOfZ() {
        char[] buffer = term.buffer();
        for (int i = 0; i < term.length(); i++) {
            if (buffer[i] == 'z') {
                return i;
            }
        }
        return -1;
    }
}
