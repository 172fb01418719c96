package org.councilchat.handoff.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Set;
import java.util.UUID;
import org.councilchat.engine.CaseIntake.NewCase;
import org.councilchat.handoff.Cases;
import org.councilchat.handoff.ResidentCase;
import org.councilchat.journey.TestCouncil;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** The agents' inbox of messages residents left: urgent first, read in full, closed with what was done. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@Import(TestCouncil.FixedClock.class)
class CaseInboxTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Cases cases;

    @DynamicPropertySource
    static void council(DynamicPropertyRegistry registry) {
        TestCouncil.configure(registry);
    }

    @Test
    void agentsSeeUrgentMessagesFirstReadOneAndCloseItWithWhatWasDone() throws Exception {
        String routine = cases.open(new NewCase(
                UUID.randomUUID().toString(),
                "Pat Jones",
                "pat@example.org",
                "Can someone call me about my garden waste renewal?",
                "en",
                false));
        String urgent = cases.open(
                new NewCase(UUID.randomUUID().toString(), null, null, "I have nowhere to sleep tonight", "en", true));

        String inbox = mvc.perform(get("/agent/cases").with(user("agent").roles("AGENT")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(inbox.indexOf(urgent)).isPositive().isLessThan(inbox.indexOf(routine));
        assertThat(inbox).contains("No name given", "Pat Jones", "pat@example.org");

        mvc.perform(get("/agent/cases/" + routine).with(user("agent").roles("AGENT")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Can someone call me about my garden waste")));

        mvc.perform(post("/agent/cases/" + routine + "/close")
                        .with(user("agent").roles("AGENT"))
                        .with(csrf())
                        .param("outcome", " "))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Say what was done")));
        assertThat(cases.inbox(Set.of("millbrook")))
                .extracting(ResidentCase::reference)
                .contains(routine);

        mvc.perform(post("/agent/cases/" + routine + "/close")
                        .with(user("agent").roles("AGENT"))
                        .with(csrf())
                        .param("outcome", "Called back; renewal taken by card over the phone"))
                .andExpect(redirectedUrl("/agent/cases"))
                .andExpect(flash().attribute("closed", "Closed " + routine + "."));
        assertThat(cases.inbox(Set.of("millbrook")))
                .extracting(ResidentCase::reference)
                .doesNotContain(routine)
                .contains(urgent);

        // A colleague closing the same message a moment later is told, not shown an error.
        mvc.perform(post("/agent/cases/" + routine + "/close")
                        .with(user("agent2").roles("AGENT"))
                        .with(csrf())
                        .param("outcome", "Called back"))
                .andExpect(redirectedUrl("/agent/cases"))
                .andExpect(flash().attribute("closed", "A colleague has already closed " + routine + "."));
    }

    @Test
    void onlyAgentsSeeTheInbox() throws Exception {
        mvc.perform(get("/agent/cases").with(user("editor").roles("EDITOR"))).andExpect(status().isForbidden());
        mvc.perform(get("/agent/cases/MSG-NOSUCH").with(user("agent").roles("AGENT")))
                .andExpect(status().isNotFound());
    }
}
