package org.councilchat.knowledge.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.councilchat.knowledge.crawl.FaqExtractor.Extracted;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

class FaqExtractorTests {

    @Test
    void readsSchemaOrgMicrodata() {
        var page = Jsoup.parse("""
                <main itemscope itemtype="https://schema.org/FAQPage">
                  <div itemscope itemprop="mainEntity" itemtype="https://schema.org/Question">
                    <h3 itemprop="name">Can I recycle glass?</h3>
                    <div itemscope itemprop="acceptedAnswer" itemtype="https://schema.org/Answer">
                      <div itemprop="text"><p>Yes, in the <em>black box</em>.</p></div>
                    </div>
                  </div>
                </main>""");

        assertThat(FaqExtractor.extract(page))
                .containsExactly(new Extracted("Can I recycle glass?", "<p>Yes, in the <em>black box</em>.</p>"));
    }

    @Test
    void readsJsonLdInsideAGraph() {
        var page = Jsoup.parse("""
                <script type="application/ld+json">{"@graph": [{"@type": "WebPage"},
                  {"@type": ["FAQPage"], "mainEntity": {"@type": "Question", "name": "Is parking free on Sundays?",
                   "acceptedAnswer": {"text": "Yes, in council car parks."}}}]}</script>
                <script type="application/ld+json">{ broken</script>""");

        assertThat(FaqExtractor.extract(page))
                .containsExactly(new Extracted("Is parking free on Sundays?", "<p>Yes, in council car parks.</p>"));
    }

    @Test
    void aPageWithoutFaqMarkupIsOneEntryWithoutItsNavigationOrCookieBanner() {
        var page = Jsoup.parse("""
                <title>Council Tax bands - Millbrook</title>
                <div class="cookie-banner">We use cookies</div>
                <nav><a href="/">Home</a></nav>
                <div id="content"><h1>Council Tax bands</h1><h2>Bands</h2><p>Your band depends on the value.</p>
                <div class="breadcrumbs">Home &gt; Council Tax</div></div>
                <footer>Contact us</footer>""");

        Extracted entry = FaqExtractor.extract(page).getFirst();
        assertThat(entry.question()).isEqualTo("Council Tax bands");
        assertThat(entry.answerHtml())
                .isEqualToIgnoringNewLines("<h3>Bands</h3><p>Your band depends on the value.</p>");
    }

    @Test
    void aPageWithNoTextGivesNothing() {
        assertThat(FaqExtractor.extract(Jsoup.parse("<nav><a href='/'>Home</a></nav>")))
                .isEmpty();
    }

    @Test
    void followsOnlyWebLinksWithoutFragmentsAndNotNofollow() {
        var page = Jsoup.parse("""
                <a href="/bins#days">Bins</a> <a href="mailto:x@example.org">Mail</a>
                <a href="/search" rel="nofollow">Search</a> <a href="https://other.example/a">Other</a>""", "https://www.millbrook.example/");

        assertThat(FaqExtractor.links(page))
                .containsExactly(
                        URI.create("https://www.millbrook.example/bins"), URI.create("https://other.example/a"));
    }

    @Test
    void headingsThatAskAreQuestions() {
        assertThat(FaqExtractor.looksLikeAQuestion("How do I report a pothole")).isTrue();
        assertThat(FaqExtractor.looksLikeAQuestion("Potholes?")).isTrue();
        assertThat(FaqExtractor.looksLikeAQuestion("Opening times over Christmas"))
                .isFalse();
    }
}
