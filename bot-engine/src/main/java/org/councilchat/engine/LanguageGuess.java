package org.councilchat.engine;

/**
 * What {@link WrittenLanguage} made of a message: {@code en}, {@code cy} or {@code unknown}, and how sure it was
 * (the probability of the language it chose, 0.5 to 1; 0 when the message had no words to go on).
 */
public record LanguageGuess(String language, double confidence) {

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
