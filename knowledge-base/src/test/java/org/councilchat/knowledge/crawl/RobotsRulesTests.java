package org.councilchat.knowledge.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RobotsRulesTests {

    private static final String AGENT = "CouncilChatBot/0.1 (+https://example.org)";

    @Test
    void ourOwnGroupReplacesTheGroupForEveryone() {
        RobotsRules rules = RobotsRules.parse("""
                User-agent: *
                Disallow: /

                User-agent: Googlebot
                User-agent: CouncilChatBot
                Disallow: /staff/
                Crawl-delay: 5
                """, AGENT);

        assertThat(rules.allows("/council-tax")).isTrue();
        assertThat(rules.allows("/staff/rota")).isFalse();
        assertThat(rules.crawlDelay()).contains(Duration.ofSeconds(5));
    }

    @Test
    void theLongestMatchingRuleWinsAndAllowWinsATie() {
        RobotsRules rules = RobotsRules.parse("""
                User-agent: *
                Disallow: /search
                Allow: /search/help
                Disallow: /*.pdf$
                Disallow: /tie
                Allow: /tie
                Crawl-delay: 1.5
                """, AGENT);

        assertThat(rules.allows("/search?q=bins")).isFalse();
        assertThat(rules.allows("/search/help")).isTrue();
        assertThat(rules.allows("/forms/garden-waste.pdf")).isFalse();
        assertThat(rules.allows("/forms/garden-waste.pdf?download=1")).isTrue();
        assertThat(rules.allows("/tie")).isTrue();
        assertThat(rules.crawlDelay()).contains(Duration.ofMillis(1500));
    }

    @Test
    void anEmptyDisallowAllowsEverythingAndSitemapsApplyToAll() {
        RobotsRules rules = RobotsRules.parse("""
                Sitemap: https://www.millbrook.example/sitemap.xml
                User-agent: *
                Disallow:
                """, AGENT);

        assertThat(rules.allows("/anything")).isTrue();
        assertThat(rules.crawlDelay()).isEmpty();
        assertThat(rules.sitemaps()).containsExactly("https://www.millbrook.example/sitemap.xml");
    }

    @Test
    void anUnreadableRobotsTxtKeepsUsOut() {
        assertThat(RobotsRules.disallowAll().allows("/")).isFalse();
        assertThat(RobotsRules.allowAll().allows("/staff/")).isTrue();
    }
}
