package org.councilchat.knowledge.faq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.councilchat.knowledge.Answer;
import org.councilchat.knowledge.Answer.Block;
import org.councilchat.knowledge.Answer.Cell;
import org.councilchat.knowledge.Answer.Heading;
import org.councilchat.knowledge.Answer.Items;
import org.councilchat.knowledge.Answer.Paragraph;
import org.councilchat.knowledge.Answer.Row;
import org.councilchat.knowledge.Answer.Span;
import org.councilchat.knowledge.Answer.Table;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class AnswerLayoutTests {

    private static final String WHICH_BIN = """
            <h3>Blue bin (recycling)</h3>
            <ul>
              <li>paper, card and cardboard</li>
              <li>plastic bottles, pots, tubs and trays</li>
            </ul>
            <h3>Black bin (general waste)</h3>
            <ul><li>everything else, including nappies</li></ul>
            <p>Rinse items. See our <a href="https://www.millbrook.example/bins/a-to-z">A to Z of bins</a>.</p>
            """;

    @Test
    void keepsEachHeadingWithTheListUnderIt() {
        List<Block> blocks = AnswerLayout.blocks(AnswerSanitizer.clean(WHICH_BIN));

        assertThat(blocks)
                .containsExactly(
                        new Heading(List.of(Span.plain("Blue bin (recycling)"))),
                        new Items(
                                false,
                                List.of(
                                        List.of(Span.plain("paper, card and cardboard")),
                                        List.of(Span.plain("plastic bottles, pots, tubs and trays")))),
                        new Heading(List.of(Span.plain("Black bin (general waste)"))),
                        new Items(false, List.of(List.of(Span.plain("everything else, including nappies")))),
                        new Paragraph(List.of(
                                Span.plain("Rinse items. See our "),
                                new Span("A to Z of bins", "https://www.millbrook.example/bins/a-to-z", false, false),
                                Span.plain("."))));
    }

    @Test
    void keepsLinksBoldAndItalicInPlace() {
        List<Block> blocks = AnswerLayout.blocks(
                "<p>Call <strong>0300 123 4567</strong> or <a href=\"mailto:tax@millbrook.example\"><em>e-mail"
                        + " us</em></a> today.</p>");

        assertThat(blocks)
                .containsExactly(new Paragraph(List.of(
                        Span.plain("Call "),
                        new Span("0300 123 4567", null, true, false),
                        Span.plain(" or "),
                        new Span("e-mail us", "mailto:tax@millbrook.example", false, true),
                        Span.plain(" today."))));
    }

    @Test
    void wordsOutsideAnyParagraphAreKeptAsOne() {
        List<Block> blocks =
                AnswerLayout.blocks("Pay <a href=\"https://millbrook.example/pay\">online</a><ol><li>Step</li></ol>");

        assertThat(blocks)
                .containsExactly(
                        new Paragraph(List.of(
                                Span.plain("Pay "), new Span("online", "https://millbrook.example/pay", false, false))),
                        new Items(true, List.of(List.of(Span.plain("Step")))));
    }

    @Test
    void aListInsideAnItemFollowsIt() {
        List<Block> blocks =
                AnswerLayout.blocks("<ul><li>Bring<ul><li>proof of address</li></ul></li><li>ID</li></ul>");

        assertThat(blocks)
                .containsExactly(new Items(
                        false,
                        List.of(
                                List.of(Span.plain("Bring")),
                                List.of(Span.plain("proof of address")),
                                List.of(Span.plain("ID")))));
    }

    @Test
    void readsASimpleTableWithItsHeaderRow() {
        String html = AnswerSanitizer.clean("<table><caption>Charges</caption><tr><th>How long</th><th>Charge</th></tr>"
                + "<tr><td>Up to 1 hour</td><td>£1.20</td></tr><tr><td style=\"color:red\">All day</td><td>£6</td></tr>"
                + "</table>");

        assertThat(AnswerLayout.blocks(html))
                .containsExactly(new Table(
                        "Charges",
                        List.of(
                                new Row(List.of(
                                        new Cell(true, List.of(Span.plain("How long"))),
                                        new Cell(true, List.of(Span.plain("Charge"))))),
                                new Row(List.of(
                                        new Cell(false, List.of(Span.plain("Up to 1 hour"))),
                                        new Cell(false, List.of(Span.plain("£1.20"))))),
                                new Row(List.of(
                                        new Cell(false, List.of(Span.plain("All day"))),
                                        new Cell(false, List.of(Span.plain("£6"))))))));
    }

    @Test
    void plainTextKeepsTheShapeAndTheAddresses() {
        Answer answer = Answer.of(
                AnswerSanitizer.clean(WHICH_BIN + "<table><tr><td>Up to 1 hour</td><td>£1.20</td></tr></table>"),
                "What goes in which bin?",
                "http://www.millbrook.example/bins");

        assertThat(answer.plainText()).isEqualTo("""
                        Blue bin (recycling)
                        - paper, card and cardboard
                        - plastic bottles, pots, tubs and trays
                        Black bin (general waste)
                        - everything else, including nappies
                        Rinse items. See our A to Z of bins (https://www.millbrook.example/bins/a-to-z).
                        Up to 1 hour | £1.20
                        What goes in which bin?: https://www.millbrook.example/bins""");
    }

    @Test
    void theSourceNamesTheCouncilsSiteOverHttps() {
        Answer answer = Answer.of("<p>x</p>", "Council tax instalments", "http://www.Millbrook.example/council-tax");

        assertThat(answer.source())
                .isEqualTo(new Answer.Source(
                        "Council tax instalments", "https://www.Millbrook.example/council-tax", "millbrook.example"));
        assertThat(Answer.of("<p>x</p>", "t", "javascript:alert(1)").source()).isNull();
        assertThat(Answer.of("<p>x</p>", "t", "/council-tax").source()).isNull();
        assertThat(Answer.of("<p>x</p>", "t", " ").source()).isNull();
    }

    @Test
    void nothingUnsafeSurvivesIntoTheBlocks() {
        List<Block> blocks = AnswerLayout.blocks(AnswerSanitizer.clean(
                "<p onclick=\"x()\">Hi <a href=\"javascript:alert(1)\">there</a><script>alert(2)</script></p>"));

        assertThat(blocks).containsExactly(new Paragraph(List.of(Span.plain("Hi there"))));
    }

    @Test
    void travelsAsJsonWithEachBlockNamed() {
        Answer answer = Answer.of(AnswerSanitizer.clean(WHICH_BIN), "What goes in which bin?", "https://m.example/b");
        JsonMapper json = JsonMapper.builder().build();

        String written = json.writeValueAsString(answer);

        assertThat(written)
                .contains("\"type\":\"heading\"", "\"type\":\"list\"", "\"type\":\"paragraph\"")
                .doesNotContain("\"href\":null");
        assertThat(json.readValue(written, Answer.class)).isEqualTo(answer);
    }
}
