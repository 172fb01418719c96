package org.councilchat.staff;

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
import org.councilchat.handoff.AgentSeat;
import org.councilchat.handoff.AgentSeats;
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

/**
 * The administrator's pages over HTTP: only ADMIN gets in; changing an agent's languages, skills and chat limit
 * needs the CSRF token, explains each mistake, and once saved is what routing uses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@Import(TestCouncil.FixedClock.class)
class StaffAdministrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    AgentSeats seats;

    @DynamicPropertySource
    static void council(DynamicPropertyRegistry registry) {
        TestCouncil.configure(registry);
    }

    @Test
    void onlyAdministratorsSeeOrChangeStaffSettings() throws Exception {
        for (String role : new String[] {"AGENT", "SUPERVISOR", "EDITOR"}) {
            mvc.perform(get("/admin").with(user("someone").roles(role))).andExpect(status().isForbidden());
            mvc.perform(post("/admin/agents/agent")
                            .with(user("someone").roles(role))
                            .with(csrf())
                            .param("languages", "en")
                            .param("maxChats", "9"))
                    .andExpect(status().isForbidden());
        }
        // Not signed in: sent to sign in (a browser) or challenged (HTTP Basic), never shown the page.
        mvc.perform(get("/admin"))
                .andExpect(
                        result -> assertThat(result.getResponse().getStatus()).isIn(302, 401));
        assertThat(seats.seat("agent").orElseThrow().maxChats()).isEqualTo(3);
    }

    @Test
    void theStaffPageListsEveryoneWithTheirRoutingSettingsAndTheAssignmentMode() throws Exception {
        mvc.perform(get("/admin").with(user("admin").roles("ADMIN")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Offer and accept")))
                .andExpect(content().string(Matchers.containsString("Sam (demo agent)")))
                .andExpect(content().string(Matchers.containsString("Waste, Highways, Environmental health")))
                .andExpect(content().string(Matchers.containsString("Any (generalist)")))
                .andExpect(content().string(Matchers.containsString("Welsh (Cymraeg)")))
                .andExpect(content().string(Matchers.containsString("Priya (demo editor)")));
    }

    @Test
    void changingAnAgentNeedsTheCsrfToken() throws Exception {
        mvc.perform(post("/admin/agents/supervisor")
                        .with(user("admin").roles("ADMIN"))
                        .param("languages", "en")
                        .param("maxChats", "5"))
                .andExpect(status().isForbidden());
        assertThat(seats.seat("supervisor").orElseThrow().overridden()).isFalse();
    }

    @Test
    void mistakesAreExplainedAndNothingIsSaved() throws Exception {
        mvc.perform(post("/admin/agents/supervisor")
                        .with(user("admin").roles("ADMIN"))
                        .with(csrf())
                        .param("skills", "waste", "juggling")
                        .param("maxChats", "0"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("There is a problem")))
                .andExpect(content().string(Matchers.containsString("Choose at least one language the agent chats in")))
                .andExpect(content().string(Matchers.containsString("Choose services from the list")))
                .andExpect(content()
                        .string(Matchers.containsString(
                                "Enter the most chats the agent can have at once, a whole number from 1 to 10")));
        assertThat(seats.seat("supervisor").orElseThrow().overridden()).isFalse();
    }

    @Test
    void savedSettingsOverrideTheConfigurationAtOnce() throws Exception {
        mvc.perform(post("/admin/agents/agent2")
                        .with(user("admin").roles("ADMIN"))
                        .with(csrf())
                        .param("languages", "en", "cy")
                        .param("skills", "council-tax", "benefits")
                        .param("maxChats", "5"))
                .andExpect(redirectedUrl("/admin"))
                .andExpect(flash().attribute("done", Matchers.containsString("Saved Alex (demo agent)")));

        AgentSeat alex = seats.seat("agent2").orElseThrow();
        assertThat(alex.skills()).containsExactlyInAnyOrder("council-tax", "benefits");
        assertThat(alex.languages()).containsExactlyInAnyOrder("en", "cy");
        assertThat(alex.maxChats()).isEqualTo(5);
        assertThat(seats.maxChats("agent2")).isEqualTo(5);
        mvc.perform(get("/admin/agents/agent2").with(user("admin").roles("ADMIN")))
                .andExpect(content().string(Matchers.containsString("value=\"5\"")));
        seats.change("agent2", Set.of("en", "cy"), Set.of(), 3, "test");
    }

    @Test
    void anAdministratorLandsOnTheStaffPageAfterSigningIn() throws Exception {
        mvc.perform(get("/staff").with(user("admin").roles("ADMIN"))).andExpect(redirectedUrl("/admin"));
    }
}
