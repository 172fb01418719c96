package org.councilchat.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

class StaffDirectoryTests {

    private final PasswordEncoder passwords = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    @Test
    void refusesToStartOutsideTheDemoWithADemoPassword() {
        MockEnvironment production = new MockEnvironment();
        production.setActiveProfiles("postgres");
        StaffProperties staff = staff(passwords.encode("agent-demo"));
        assertThatIllegalStateException()
                .isThrownBy(() -> new StaffDirectory(staff, passwords, production))
                .withMessageContaining("sam")
                .withMessageContaining("demo password");
    }

    @Test
    void refusesToStartOutsideTheDemoWithABlankPassword() {
        MockEnvironment production = new MockEnvironment();
        assertThatIllegalStateException().isThrownBy(() -> new StaffDirectory(staff(""), passwords, production));
    }

    @Test
    void startsOutsideTheDemoWithARealPassword() {
        MockEnvironment production = new MockEnvironment();
        StaffDirectory directory =
                new StaffDirectory(staff(passwords.encode("correct horse battery staple")), passwords, production);
        assertThat(directory.loadUserByUsername("sam").getAuthorities())
                .extracting(Object::toString)
                .containsExactly("ROLE_AGENT");
    }

    @Test
    void acceptsDemoPasswordsInTheDemo() {
        MockEnvironment demo = new MockEnvironment();
        demo.setActiveProfiles("demo");
        assertThat(new StaffDirectory(staff("{noop}agent-demo"), passwords, demo).loadUserByUsername("sam"))
                .isNotNull();
    }

    @Test
    void namesAgentsButNotOtherStaff() {
        MockEnvironment demo = new MockEnvironment();
        demo.setActiveProfiles("demo");
        StaffDirectory directory = new StaffDirectory(staff("{noop}agent-demo"), passwords, demo);
        var agent =
                new UsernamePasswordAuthenticationToken("sam", null, AuthorityUtils.createAuthorityList("ROLE_AGENT"));
        var editor =
                new UsernamePasswordAuthenticationToken("sam", null, AuthorityUtils.createAuthorityList("ROLE_EDITOR"));
        assertThat(directory.agentName(agent)).contains("Sam Jones");
        assertThat(directory.agentName(editor)).isEmpty();
        assertThat(directory.agentName(() -> "sam")).isEmpty();
    }

    private static StaffProperties staff(String password) {
        return new StaffProperties(
                List.of(new StaffProperties.Account("sam", password, "Sam Jones", Set.of("AGENT"), null, null)),
                10,
                Duration.ofMinutes(15));
    }
}
