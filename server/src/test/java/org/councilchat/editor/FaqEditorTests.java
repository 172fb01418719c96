package org.councilchat.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.councilchat.journey.TestCouncil;
import org.councilchat.knowledge.Faq;
import org.councilchat.knowledge.KnowledgeBase;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** An editor's change reaches residents straight away, and nothing unsafe gets through. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class FaqEditorTests {

    private static final String FAQ = "/editor/faqs/council-tax-instalments";

    @Autowired
    MockMvc mvc;

    @Autowired
    KnowledgeBase knowledge;

    @DynamicPropertySource
    static void council(DynamicPropertyRegistry registry) {
        TestCouncil.configure(registry);
    }

    @Test
    void publishedChangeIsWhatTheBotFindsImmediately() throws Exception {
        mvc.perform(post(FAQ)
                        .with(user("editor").roles("EDITOR"))
                        .with(csrf())
                        .param("question", "Can I pay my council tax in instalments?")
                        .param("phrasings", "spread council tax payments\npay ctax monthly")
                        .param(
                                "answerHtml",
                                "<p>Yes, in 10 or 12 monthly instalments. <strong>Quarterly too</strong>.</p>"
                                        + "<script>alert('x')</script><p onclick=\"steal()\">Call us.</p>")
                        .param("serviceArea", "council-tax")
                        .param("sourceUrl", "https://www.millbrook.example/council-tax/paying")
                        .param("status", "PUBLISHED"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/editor"));

        var answer = knowledge
                .search("pay my council tax in instalments")
                .confidentAnswer()
                .orElseThrow();
        assertThat(answer.faq().id()).isEqualTo("council-tax-instalments");
        assertThat(answer.faq().answerHtml())
                .contains("Quarterly too")
                .doesNotContain("script")
                .doesNotContain("onclick");
        assertThat(answer.faq().updatedBy()).isEqualTo("editor");
        assertThat(answer.faq().version()).isGreaterThan(1);
    }

    @Test
    void archivedFaqIsNoLongerAnswered() throws Exception {
        String id = "join-the-library";
        var before = knowledge.find(id).orElseThrow();
        mvc.perform(post("/editor/faqs/" + id)
                        .with(user("editor").roles("EDITOR"))
                        .with(csrf())
                        .param("question", before.question())
                        .param("phrasings", String.join("\n", before.phrasings()))
                        .param("answerHtml", before.answerHtml())
                        .param("serviceArea", before.serviceArea())
                        .param("sourceUrl", before.sourceUrl())
                        .param("status", "ARCHIVED"))
                .andExpect(status().is3xxRedirection());
        assertThat(knowledge.search(before.question()).hits())
                .noneMatch(hit -> hit.faq().id().equals(id));
    }

    @Test
    void missingAnswerIsExplainedAndNothingIsSaved() throws Exception {
        int versionBefore = knowledge.find("council-tax-bands").orElseThrow().version();
        mvc.perform(post("/editor/faqs/council-tax-bands")
                        .with(user("editor").roles("EDITOR"))
                        .with(csrf())
                        .param("question", "What council tax band am I in?")
                        .param("answerHtml", " ")
                        .param("serviceArea", "council-tax")
                        .param("status", "PUBLISHED"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Enter the answer")));
        assertThat(knowledge.find("council-tax-bands").orElseThrow().version()).isEqualTo(versionBefore);
    }

    @Test
    void tryAQuestionShowsWhatTheBotWouldFind() throws Exception {
        mvc.perform(get("/editor")
                        .param("try", "how do I report fly tipping")
                        .with(user("editor").roles("EDITOR")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("confidence")));
    }

    @Test
    void ownerAndReviewDateAreKeptAndAnEarlierVersionCanBePutBackFromTheHistory() throws Exception {
        String id = "bulky-waste-collection";
        var before = knowledge.find(id).orElseThrow();
        mvc.perform(post("/editor/faqs/" + id)
                        .with(user("editor").roles("EDITOR"))
                        .with(csrf())
                        .param("question", before.question())
                        .param("phrasings", String.join("\n", before.phrasings()))
                        .param("answerHtml", "<p>We no longer collect bulky waste.</p>")
                        .param("serviceArea", before.serviceArea())
                        .param("sourceUrl", before.sourceUrl())
                        .param("status", "PUBLISHED")
                        .param("owner", "waste.team@millbrook.example")
                        .param("reviewBy", "2026-11-01"))
                .andExpect(status().is3xxRedirection());
        var changed = knowledge.find(id).orElseThrow();
        assertThat(changed.owner()).isEqualTo("waste.team@millbrook.example");

        // The list can show only what is due for review: 1 November 2026 has passed.
        mvc.perform(get("/editor").param("due", "1").with(user("editor").roles("EDITOR")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("(due)")))
                .andExpect(content().string(Matchers.containsString(before.question())));

        mvc.perform(get("/editor/faqs/" + id + "/history").with(user("editor").roles("EDITOR")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Put version " + before.version() + " back")));
        mvc.perform(post("/editor/faqs/" + id + "/revert")
                        .with(user("editor2").roles("EDITOR"))
                        .with(csrf())
                        .param("version", String.valueOf(before.version())))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/editor/faqs/" + id + "/history"));

        var reverted = knowledge.find(id).orElseThrow();
        assertThat(reverted.answerHtml()).isEqualTo(before.answerHtml());
        assertThat(reverted.version()).isEqualTo(changed.version() + 1);
        assertThat(reverted.updatedBy()).isEqualTo("editor2");
        assertThat(knowledge.history(id)).extracting(Faq::updatedBy).startsWith("editor2", "editor");
    }

    @Test
    void aReviewDateThatIsNotADateIsExplained() throws Exception {
        var before = knowledge.find("council-tax-bands").orElseThrow();
        mvc.perform(post("/editor/faqs/council-tax-bands")
                        .with(user("editor").roles("EDITOR"))
                        .with(csrf())
                        .param("question", before.question())
                        .param("answerHtml", before.answerHtml())
                        .param("serviceArea", before.serviceArea())
                        .param("status", "PUBLISHED")
                        .param("reviewBy", "next spring"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("The review date must be a real date")));
        assertThat(knowledge.find("council-tax-bands").orElseThrow().version()).isEqualTo(before.version());
    }
}
