package org.councilchat.knowledge.faq;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only the safe subset of HTML can ever reach a resident from an FAQ answer. */
class AnswerSanitizerTests {

    @Test
    void removesScriptsEntirely() {
        assertThat(AnswerSanitizer.clean("<p>Pay online.</p><script>steal(document.cookie)</script>"))
                .isEqualTo("<p>Pay online.</p>");
    }

    @Test
    void removesEventHandlersButKeepsTheText() {
        assertThat(AnswerSanitizer.clean("<p onclick=\"steal()\" onmouseover=\"steal()\">Call us.</p>"))
                .isEqualTo("<p>Call us.</p>");
    }

    @Test
    void removesStylesImagesAndFrames() {
        String cleaned = AnswerSanitizer.clean("<style>p{display:none}</style>"
                + "<p style=\"color:red\">Bins go out by 7am.</p>"
                + "<img src=\"https://tracker.example/pixel.gif\" onerror=\"steal()\">"
                + "<iframe src=\"https://evil.example\"></iframe>");

        assertThat(cleaned).isEqualTo("<p>Bins go out by 7am.</p>");
    }

    @Test
    void keepsTheAllowedTags() {
        String answer = "<h3>Paying</h3><p>You can pay <strong>online</strong> or <em>by phone</em>.</p>"
                + "<ul><li>Direct Debit</li><li>Card</li></ul><ol><li>First</li></ol>";

        assertThat(AnswerSanitizer.clean(answer)).isEqualTo(answer);
    }

    @Test
    void dropsTagsOutsideTheSubsetButKeepsTheirWords() {
        assertThat(AnswerSanitizer.clean("<div><span class=\"x\">Council tax</span> <b>bands</b></div>"))
                .isEqualTo("Council tax bands");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "javascript:steal()",
                "JavaScript:steal()",
                " javascript:steal()",
                "data:text/html;base64,PHNjcmlwdD4=",
                "vbscript:msgbox(1)"
            })
    void removesLinksThatRunCode(String href) {
        assertThat(AnswerSanitizer.clean("<p><a href=\"" + href + "\">Pay now</a></p>"))
                .isEqualTo("<p><a>Pay now</a></p>");
    }

    @Test
    void keepsWebEmailAndPhoneLinksButNoOtherAttributes() {
        assertThat(AnswerSanitizer.clean(
                        "<p><a href=\"https://www.millbrook.example/pay\" target=\"_blank\" class=\"btn\">Pay</a></p>"))
                .isEqualTo("<p><a href=\"https://www.millbrook.example/pay\">Pay</a></p>");
        assertThat(AnswerSanitizer.clean("<a href=\"mailto:bins@millbrook.example\">Email</a>"))
                .isEqualTo("<a href=\"mailto:bins@millbrook.example\">Email</a>");
        assertThat(AnswerSanitizer.clean("<a href=\"tel:01632960100\">Call</a>"))
                .isEqualTo("<a href=\"tel:01632960100\">Call</a>");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://www.millbrook.example/pay",
                "HTTP://www.millbrook.example/pay",
                " http://www.millbrook.example/pay"
            })
    void plainWebLinksAreUpgradedToHttps(String href) {
        assertThat(AnswerSanitizer.clean("<p>Pay <a href=\"" + href + "\">online</a> or by phone.</p>"))
                .isEqualTo("<p>Pay <a href=\"https://www.millbrook.example/pay\">online</a> or by phone.</p>");
    }

    @Test
    void wordsThatMentionHttpAreLeftAlone() {
        assertThat(AnswerSanitizer.clean("<p>Type http: before the address.</p>"))
                .isEqualTo("<p>Type http: before the address.</p>");
    }

    @Test
    void relativeLinksAreDroppedBecauseTheChatIsNotOnTheCouncilSite() {
        assertThat(AnswerSanitizer.clean("<a href=\"/bins\">Bins</a>")).isEqualTo("<a>Bins</a>");
    }

    @Test
    void nothingToCleanIsEmpty() {
        assertThat(AnswerSanitizer.clean(null)).isEmpty();
        assertThat(AnswerSanitizer.plainText(null)).isEmpty();
    }

    @Test
    void plainTextKeepsTheWordsWithoutMarkup() {
        assertThat(AnswerSanitizer.plainText("<p>Put bins out by <strong>7am</strong>.</p><ul><li>Lid shut</li></ul>"))
                .isEqualTo("Put bins out by 7am. Lid shut");
    }
}
