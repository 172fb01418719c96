package org.councilchat.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.councilchat.councils.Council;
import org.councilchat.councils.Councils;
import org.councilchat.councils.CouncilsProperties;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

class StaffDirectoryTests {

    private static final Councils ONE_COUNCIL = new Councils(new CouncilsProperties(List.of()));
    private static final Councils SHARED_SERVICE = new Councils(new CouncilsProperties(List.of(
            new Council("millbrook", "Millbrook District Council", null, null, null, null),
            new Council("westshire", "Westshire County Council", null, null, null, null))));

    private final PasswordEncoder passwords = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    @Test
    void refusesToStartOutsideTheDemoWithADemoPassword() {
        MockEnvironment production = new MockEnvironment();
        production.setActiveProfiles("postgres");
        StaffProperties staff = staff(passwords.encode("agent-demo"));
        assertThatIllegalStateException()
                .isThrownBy(() -> new StaffDirectory(staff, passwords, production, ONE_COUNCIL))
                .withMessageContaining("sam")
                .withMessageContaining("demo password");
    }

    @Test
    void refusesToStartOutsideTheDemoWithABlankPassword() {
        MockEnvironment production = new MockEnvironment();
        assertThatIllegalStateException()
                .isThrownBy(() -> new StaffDirectory(staff(""), passwords, production, ONE_COUNCIL));
    }

    @Test
    void startsOutsideTheDemoWithARealPassword() {
        MockEnvironment production = new MockEnvironment();
        StaffDirectory directory = new StaffDirectory(
                staff(passwords.encode("correct horse battery staple")), passwords, production, ONE_COUNCIL);
        assertThat(directory.loadUserByUsername("sam").getAuthorities())
                .extracting(Object::toString)
                .containsExactly("ROLE_AGENT");
    }

    @Test
    void acceptsDemoPasswordsInTheDemo() {
        MockEnvironment demo = new MockEnvironment();
        demo.setActiveProfiles("demo");
        assertThat(new StaffDirectory(staff("{noop}agent-demo"), passwords, demo, ONE_COUNCIL)
                        .loadUserByUsername("sam"))
                .isNotNull();
    }

    @Test
    void namesAgentsButNotOtherStaff() {
        MockEnvironment demo = new MockEnvironment();
        demo.setActiveProfiles("demo");
        StaffDirectory directory = new StaffDirectory(staff("{noop}agent-demo"), passwords, demo, ONE_COUNCIL);
        var agent =
                new UsernamePasswordAuthenticationToken("sam", null, AuthorityUtils.createAuthorityList("ROLE_AGENT"));
        var editor =
                new UsernamePasswordAuthenticationToken("sam", null, AuthorityUtils.createAuthorityList("ROLE_EDITOR"));
        assertThat(directory.agentName(agent)).contains("Sam Jones");
        assertThat(directory.agentName(editor)).isEmpty();
        assertThat(directory.agentName(() -> "sam")).isEmpty();
    }

    @Test
    void withOneCouncilEveryoneWorksForItWithoutSaying() {
        MockEnvironment demo = new MockEnvironment();
        demo.setActiveProfiles("demo");
        StaffDirectory directory = new StaffDirectory(staff("{noop}agent-demo"), passwords, demo, ONE_COUNCIL);
        assertThat(directory.councilsOf(signedIn("sam"))).containsExactly(Council.DEFAULT_ID);
        assertThat(directory.agents().getFirst().councils()).containsExactly(Council.DEFAULT_ID);
    }

    @Test
    void withSeveralCouncilsEachAccountMustSayWhichItWorksFor() {
        MockEnvironment demo = new MockEnvironment();
        demo.setActiveProfiles("demo");
        assertThatIllegalStateException()
                .isThrownBy(() -> new StaffDirectory(staff("{noop}agent-demo"), passwords, demo, SHARED_SERVICE))
                .withMessageContaining("'sam' does not say which councils")
                .withMessageContaining("council-chat.staff.accounts[n].councils");
        assertThatIllegalStateException()
                .isThrownBy(() -> new StaffDirectory(
                        staff("{noop}agent-demo", Set.of("millbrook", "eastshire")), passwords, demo, SHARED_SERVICE))
                .withMessageContaining("'eastshire', which is not in council-chat.councils");

        StaffDirectory directory =
                new StaffDirectory(staff("{noop}agent-demo", Set.of("westshire")), passwords, demo, SHARED_SERVICE);
        assertThat(directory.councilsOf(signedIn("sam"))).containsExactly("westshire");
        // Not signed in: no council at all, whatever the name says.
        assertThat(directory.councilsOf(() -> "sam")).isEmpty();
    }

    private static UsernamePasswordAuthenticationToken signedIn(String username) {
        return new UsernamePasswordAuthenticationToken(
                username, null, AuthorityUtils.createAuthorityList("ROLE_AGENT"));
    }

    private static StaffProperties staff(String password) {
        return staff(password, null);
    }

    private static StaffProperties staff(String password, Set<String> councils) {
        return new StaffProperties(
                List.of(new StaffProperties.Account(
                        "sam", password, "Sam Jones", Set.of("AGENT"), null, null, councils)),
                10,
                Duration.ofMinutes(15));
    }
}
