package org.councilchat.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.councilchat.councils.Council;
import org.councilchat.councils.Councils;
import org.councilchat.councils.CouncilsProperties;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

class StaffDirectoryTests {

    private static final Councils ONE_COUNCIL = new Councils(new CouncilsProperties(List.of()));
    private static final Councils SHARED_SERVICE = new Councils(new CouncilsProperties(List.of(
            new Council("millbrook", "Millbrook District Council", null, null, null, null),
            new Council("westshire", "Westshire County Council", null, null, null, null))));

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC);

    private final PasswordEncoder passwords = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final DataSource database = StaffDatabase.fresh();
    private final StaffAccounts stored = new StaffAccounts(JdbcClient.create(database));

    @Test
    void configurationAddsOnlyTheAccountsTheDatabaseLacks() {
        MockEnvironment demo = demo();
        directory(staff("{noop}agent-demo"), passwords, demo, ONE_COUNCIL);
        stored.changePassword("sam", passwords.encode("a password of our own"), CLOCK.instant(), "admin");
        StaffDirectory restarted = directory(staff("{noop}agent-demo"), passwords, demo, ONE_COUNCIL);
        UserDetails sam = restarted.loadUserByUsername("sam");
        assertThat(passwords.matches("a password of our own", sam.getPassword()))
                .isTrue();
        assertThat(stored.all()).hasSize(1);
    }

    @Test
    void refusesToStartOutsideTheDemoWhileAStoredAccountHasADemoPassword() {
        directory(staff("{noop}agent-demo"), passwords, demo(), ONE_COUNCIL);
        StaffProperties nothingConfigured = new StaffProperties(List.of(), 10, Duration.ofMinutes(15), null);
        assertThatIllegalStateException()
                .isThrownBy(() -> directory(nothingConfigured, passwords, new MockEnvironment(), ONE_COUNCIL))
                .withMessageContaining("'sam' has a blank or demo password")
                .withMessageContaining("/admin/accounts");
    }

    @Test
    void aDisabledAccountCannotSignInSeeAnyCouncilOrTakeChats() {
        StaffDirectory directory = directory(staff("{noop}agent-demo"), passwords, demo(), ONE_COUNCIL);
        stored.disable("sam", true, CLOCK.instant(), "admin");
        directory.changed();
        assertThatExceptionOfType(UsernameNotFoundException.class)
                .isThrownBy(() -> directory.loadUserByUsername("sam"));
        assertThat(directory.councilsOf(signedIn("sam"))).isEmpty();
        assertThat(directory.agentName(signedIn("sam"))).isEmpty();
        assertThat(directory.agents()).isEmpty();
        assertThat(directory.account("sam"))
                .get()
                .extracting(StaffAccount::enabled)
                .isEqualTo(false);
    }

    @Test
    void anotherServersChangeCountsHereWithinAFewSeconds() {
        StaffDirectory here = directory(staff("{noop}agent-demo"), passwords, demo(), ONE_COUNCIL);
        StaffDirectory otherServer = directory(staff("{noop}agent-demo"), passwords, demo(), ONE_COUNCIL);
        assertThat(here.agents()).hasSize(1);
        stored.disable("sam", true, CLOCK.instant(), "admin");
        otherServer.changed();
        assertThat(otherServer.agents()).isEmpty();
        // This server notices at its next look at the database, at most StaffDirectory.FRESH_FOR later.
        await().atMost(StaffDirectory.FRESH_FOR.plusSeconds(5))
                .until(() -> here.agents().isEmpty());
    }

    @Test
    void anAccountThatSignsInAtTheProviderHasNoPasswordHere() {
        StaffDirectory directory = directory(staff("{noop}agent-demo"), passwords, demo(), ONE_COUNCIL);
        stored.add(
                new StaffAccount(
                        "jo@millbrook.gov.uk",
                        "Jo",
                        null,
                        Set.of("AGENT"),
                        null,
                        null,
                        Set.of(Council.DEFAULT_ID),
                        StaffAccount.SignIn.PROVIDER,
                        "https://login.example/ sub-1",
                        null,
                        CLOCK.instant(),
                        "identity provider"),
                CLOCK.instant(),
                "identity provider");
        directory.changed();
        assertThatExceptionOfType(UsernameNotFoundException.class)
                .isThrownBy(() -> directory.loadUserByUsername("jo@millbrook.gov.uk"));
        assertThat(directory.councilsOf(signedIn("jo@millbrook.gov.uk"))).containsExactly(Council.DEFAULT_ID);
    }

    private static MockEnvironment demo() {
        MockEnvironment demo = new MockEnvironment();
        demo.setActiveProfiles("demo");
        return demo;
    }

    /** A server's directory over this test's database, as it is once the application has started. */
    private StaffDirectory directory(
            StaffProperties staff, PasswordEncoder passwords, MockEnvironment environment, Councils councils) {
        SignInAttempts attempts = new SignInAttempts(new SignInFailures(JdbcClient.create(database)), staff, CLOCK);
        StaffDirectory directory = new StaffDirectory(staff, passwords, environment, councils, stored, attempts, CLOCK);
        directory.afterSingletonsInstantiated();
        return directory;
    }

    @Test
    void refusesToStartOutsideTheDemoWithADemoPassword() {
        MockEnvironment production = new MockEnvironment();
        production.setActiveProfiles("postgres");
        StaffProperties staff = staff(passwords.encode("agent-demo"));
        assertThatIllegalStateException()
                .isThrownBy(() -> directory(staff, passwords, production, ONE_COUNCIL))
                .withMessageContaining("sam")
                .withMessageContaining("demo password");
    }

    @Test
    void refusesToStartOutsideTheDemoWithABlankPassword() {
        MockEnvironment production = new MockEnvironment();
        assertThatIllegalStateException().isThrownBy(() -> directory(staff(""), passwords, production, ONE_COUNCIL));
    }

    @Test
    void startsOutsideTheDemoWithARealPassword() {
        MockEnvironment production = new MockEnvironment();
        StaffDirectory directory =
                directory(staff(passwords.encode("correct horse battery staple")), passwords, production, ONE_COUNCIL);
        assertThat(directory.loadUserByUsername("sam").getAuthorities())
                .extracting(Object::toString)
                .containsExactly("ROLE_AGENT");
    }

    @Test
    void acceptsDemoPasswordsInTheDemo() {
        MockEnvironment demo = new MockEnvironment();
        demo.setActiveProfiles("demo");
        assertThat(directory(staff("{noop}agent-demo"), passwords, demo, ONE_COUNCIL)
                        .loadUserByUsername("sam"))
                .isNotNull();
    }

    @Test
    void namesAgentsButNotOtherStaff() {
        MockEnvironment demo = new MockEnvironment();
        demo.setActiveProfiles("demo");
        StaffDirectory directory = directory(staff("{noop}agent-demo"), passwords, demo, ONE_COUNCIL);
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
        StaffDirectory directory = directory(staff("{noop}agent-demo"), passwords, demo, ONE_COUNCIL);
        assertThat(directory.councilsOf(signedIn("sam"))).containsExactly(Council.DEFAULT_ID);
        assertThat(directory.agents().getFirst().councils()).containsExactly(Council.DEFAULT_ID);
    }

    @Test
    void withSeveralCouncilsEachAccountMustSayWhichItWorksFor() {
        MockEnvironment demo = new MockEnvironment();
        demo.setActiveProfiles("demo");
        assertThatIllegalStateException()
                .isThrownBy(() -> directory(staff("{noop}agent-demo"), passwords, demo, SHARED_SERVICE))
                .withMessageContaining("'sam' does not say which councils")
                .withMessageContaining("council-chat.staff.accounts[n].councils");
        assertThatIllegalStateException()
                .isThrownBy(() -> directory(
                        staff("{noop}agent-demo", Set.of("millbrook", "eastshire")), passwords, demo, SHARED_SERVICE))
                .withMessageContaining("'eastshire', which is not in council-chat.councils");

        StaffDirectory directory =
                directory(staff("{noop}agent-demo", Set.of("westshire")), passwords, demo, SHARED_SERVICE);
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
                Duration.ofMinutes(15),
                null);
    }
}
