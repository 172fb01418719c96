package org.councilchat.engine;

/**
 * What {@link WrittenLanguage} made of a message: {@code en}, {@code cy} or {@code unknown}, and how sure it was
 * (the probability of the language it chose, 0.5 to 1; 0 when the message had no words to go on).
 */
public record LanguageGuess(String language, double confidence) {

    /**
     * How sure a guess must be to act on it: the bot answers in Welsh in an English chat, and an agent is told which
     * language a message was in, only above it. Whole Welsh sentences score 0.997 and up; short English with a word
     * the guesser never saw can score high for Welsh ("I am suicidal": 0.96, "am" being a Welsh word too), so the
     * bar is high: one wrong switch or label costs more than one missed.
     */
    public static final double SURE = 0.99;

    /** True when the language is English or Welsh with a confidence of at least {@link #SURE}. */
    public boolean isSure() {
        return !isUnknown() && confidence >= SURE;
    }

    public boolean isWelsh() {
        return WrittenLanguage.WELSH.equals(language);
    }

    public boolean isEnglish() {
        return WrittenLanguage.ENGLISH.equals(language);
    }

    public boolean isUnknown() {
        return WrittenLanguage.UNKNOWN.equals(language);
    }
}
