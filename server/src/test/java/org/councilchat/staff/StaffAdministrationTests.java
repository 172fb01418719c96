package org.councilchat.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
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
import org.springframework.mock.web.MockHttpSession;
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

    @Autowired
    StaffAccounts accounts;

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

    @Test
    void anAdministratorAddsAMemberOfStaffWhoCanSignInAtOnce() throws Exception {
        mvc.perform(post("/admin/accounts")
                        .with(user("admin").roles("ADMIN"))
                        .with(csrf())
                        .param("username", " Lee.Evans ")
                        .param("name", "Lee Evans")
                        .param("roles", "AGENT")
                        .param("councilIds", "millbrook")
                        .param("languages", "en", "cy")
                        .param("password", "kettle orbit marmalade")
                        .param("confirmPassword", "kettle orbit marmalade"))
                .andExpect(redirectedUrl("/admin"))
                .andExpect(flash().attribute("done", Matchers.containsString("username lee.evans")));

        mvc.perform(get("/agent").with(httpBasic("lee.evans", "kettle orbit marmalade")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Lee Evans")));
        assertThat(seats.seat("lee.evans").orElseThrow().languages()).containsExactlyInAnyOrder("en", "cy");
        StaffAccount lee = accounts.find("lee.evans").orElseThrow();
        assertThat(lee.passwordHash()).startsWith("{bcrypt}").doesNotContain("kettle");
        assertThat(lee.councils()).containsExactly("millbrook");
        mvc.perform(get("/admin").with(user("admin").roles("ADMIN")))
                .andExpect(content().string(Matchers.containsString("/admin/accounts/lee.evans")));
    }

    @Test
    void mistakesInANewAccountAreExplainedAndNothingIsAdded() throws Exception {
        mvc.perform(post("/admin/accounts")
                        .with(user("admin").roles("ADMIN"))
                        .with(csrf())
                        .param("username", "agent")
                        .param("name", "")
                        .param("councilIds", "eastshire")
                        .param("password", "short")
                        .param("confirmPassword", "short"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("There is a problem")))
                .andExpect(content().string(Matchers.containsString("There is already an account with that username")))
                .andExpect(content().string(Matchers.containsString("Enter their name")))
                .andExpect(content().string(Matchers.containsString("Choose at least one role")))
                .andExpect(content().string(Matchers.containsString("Choose at least one council they work for")))
                .andExpect(content().string(Matchers.containsString("Enter a password of 12 to 128 characters")));
        mvc.perform(post("/admin/accounts")
                        .with(user("admin").roles("ADMIN"))
                        .with(csrf())
                        .param("username", "pat")
                        .param("name", "Pat")
                        .param("roles", "EDITOR")
                        .param("councilIds", "millbrook")
                        .param("languages", "en")
                        .param("password", "kettle orbit marmalade")
                        .param("confirmPassword", "kettle orbit marmalad"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Enter the same password twice")));
        assertThat(accounts.find("pat")).isEmpty();
    }

    @Test
    void aNewPasswordReplacesTheOldAndADisabledAccountIsSignedOutAndKeptOut() throws Exception {
        addAccount("robin", "first password here", "millbrook");
        mvc.perform(post("/admin/accounts/robin/password")
                        .with(user("admin").roles("ADMIN"))
                        .with(csrf())
                        .param("password", "second password here")
                        .param("confirmPassword", "second password here"))
                .andExpect(redirectedUrl("/admin/accounts/robin"));
        mvc.perform(get("/agent").with(httpBasic("robin", "first password here")))
                .andExpect(status().isUnauthorized());
        MockHttpSession session =
                (MockHttpSession) mvc.perform(formLogin("/login").user("robin").password("second password here"))
                        .andExpect(redirectedUrl("/staff"))
                        .andReturn()
                        .getRequest()
                        .getSession(false);
        mvc.perform(get("/agent").session(session)).andExpect(status().isOk());

        mvc.perform(post("/admin/accounts/robin/disabled")
                        .with(user("admin").roles("ADMIN"))
                        .with(csrf())
                        .param("disabled", "true"))
                .andExpect(redirectedUrl("/admin/accounts/robin"));
        // The session robin already had stops working at their next request; signing in again is refused.
        mvc.perform(get("/agent").session(session).header("Accept", "text/html"))
                .andExpect(redirectedUrl("/login"));
        mvc.perform(get("/agent").with(httpBasic("robin", "second password here")))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/admin/accounts/robin").with(user("admin").roles("ADMIN")))
                .andExpect(content().string(Matchers.containsString("Disabled: cannot sign in")))
                .andExpect(content().string(Matchers.containsString("Enable account")));

        mvc.perform(post("/admin/accounts/robin/disabled")
                        .with(user("admin").roles("ADMIN"))
                        .with(csrf())
                        .param("disabled", "false"))
                .andExpect(redirectedUrl("/admin/accounts/robin"));
        mvc.perform(get("/agent").with(httpBasic("robin", "second password here")))
                .andExpect(status().isOk());
    }

    @Test
    void aRoleTakenAwayEndsTheSessionThatHadIt() throws Exception {
        addAccount("casey", "lantern orbit pebble", "millbrook", "EDITOR");
        mvc.perform(post("/admin/accounts/casey")
                        .with(user("admin").roles("ADMIN"))
                        .with(csrf())
                        .param("name", "Casey")
                        .param("roles", "EDITOR", "ADMIN")
                        .param("councilIds", "millbrook"))
                .andExpect(redirectedUrl("/admin/accounts/casey"));
        MockHttpSession session =
                (MockHttpSession) mvc.perform(formLogin("/login").user("casey").password("lantern orbit pebble"))
                        .andReturn()
                        .getRequest()
                        .getSession(false);
        mvc.perform(get("/admin").session(session)).andExpect(status().isOk());

        mvc.perform(post("/admin/accounts/casey")
                        .with(user("admin").roles("ADMIN"))
                        .with(csrf())
                        .param("name", "Casey")
                        .param("roles", "EDITOR")
                        .param("councilIds", "millbrook"))
                .andExpect(redirectedUrl("/admin/accounts/casey"));
        // No longer an administrator: not even until the session times out.
        mvc.perform(get("/admin").session(session).header("Accept", "text/html"))
                .andExpect(redirectedUrl("/login"));
    }

    @Test
    void anAdministratorManagesTheirOwnCouncilsStaffOnlyAndCannotLockThemselvesOut() throws Exception {
        addAccount("millbrook-admin", "only millbrook here", "millbrook", "ADMIN");
        // Rhys works for Glanafon only: to Millbrook's administrator he is not there.
        mvc.perform(get("/admin/accounts/agent3").with(user("millbrook-admin").roles("ADMIN")))
                .andExpect(status().isNotFound());
        mvc.perform(post("/admin/accounts/agent3/disabled")
                        .with(user("millbrook-admin").roles("ADMIN"))
                        .with(csrf())
                        .param("disabled", "true"))
                .andExpect(status().isNotFound());
        mvc.perform(get("/admin/agents/agent3").with(user("millbrook-admin").roles("ADMIN")))
                .andExpect(status().isNotFound());
        mvc.perform(get("/admin").with(user("millbrook-admin").roles("ADMIN")))
                .andExpect(content().string(Matchers.containsString("Sam (demo agent)")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("Rhys (demo agent)"))));
        // Nor can they give anyone a council that is not theirs.
        mvc.perform(post("/admin/accounts/millbrook-admin")
                        .with(user("millbrook-admin").roles("ADMIN"))
                        .with(csrf())
                        .param("name", "Millbrook admin")
                        .param("roles", "AGENT")
                        .param("councilIds", "millbrook", "glanafon"))
                .andExpect(status().isOk())
                .andExpect(
                        content().string(Matchers.containsString("You cannot take away your own administrator role")))
                .andExpect(content().string(Matchers.containsString("Choose at least one council they work for")));
        mvc.perform(post("/admin/accounts/millbrook-admin/disabled")
                        .with(user("millbrook-admin").roles("ADMIN"))
                        .with(csrf())
                        .param("disabled", "true"))
                .andExpect(status().isConflict());
        assertThat(accounts.find("millbrook-admin").orElseThrow().enabled()).isTrue();
        assertThat(accounts.find("agent3").orElseThrow().enabled()).isTrue();
    }

    private void addAccount(String username, String password, String council) throws Exception {
        addAccount(username, password, council, "AGENT");
    }

    private void addAccount(String username, String password, String council, String role) throws Exception {
        mvc.perform(post("/admin/accounts")
                        .with(user("admin").roles("ADMIN"))
                        .with(csrf())
                        .param("username", username)
                        .param("name", username)
                        .param("roles", role)
                        .param("councilIds", council)
                        .param("languages", "en")
                        .param("password", password)
                        .param("confirmPassword", password))
                .andExpect(redirectedUrl("/admin"));
    }
}
