package org.councilchat.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.councilchat.handoff.transcript.ConversationRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The routing rule on its own, without Spring: language before service, a specialist before a generalist, and
 * anyone when nobody who fits better could take the chat now.
 */
class RoutingTests {

    private static final String DISTRICT = "millbrook";
    private static final String COUNTY = "westshire";
    private static final AgentSeat SAM = seat("sam", Set.of("en"), Set.of("waste"), 2);
    private static final AgentSeat ALEX = seat("alex", Set.of("en", "cy"), Set.of(), 3);
    private static final AgentSeat RHIAN = seat("rhian", Set.of("en", "cy"), Set.of("waste"), 3);
    private static final AgentSeat JO = seat("jo", Set.of("en"), Set.of(), 3);

    private final AgentSeats seats = mock(AgentSeats.class);
    private final AgentPresence presence = mock(AgentPresence.class);
    private final ConversationRepository repository = mock(ConversationRepository.class);
    private final Map<String, Integer> held = new HashMap<>();
    private final Map<String, AgentPresence.Status> statuses = new HashMap<>();
    private final Set<String> receiving = new HashSet<>();
    private Routing routing;

    @BeforeEach
    void contactCentre() {
        HandoffProperties properties = new HandoffProperties(
                2000,
                3,
                Duration.ofSeconds(60),
                List.of("waste", "council-tax"),
                null,
                Duration.ofSeconds(5),
                "test",
                Duration.ofMinutes(2),
                Duration.ofMinutes(2));
        routing = new Routing(seats, presence, repository, properties);
        when(seats.all()).thenReturn(List.of(SAM, ALEX, RHIAN, JO));
        when(repository.heldCounts()).thenReturn(held);
        when(presence.roll()).thenAnswer(asked -> new AgentPresence.Roll(statuses, receiving));
        when(presence.status(anyString()))
                .thenAnswer(asked -> statuses.getOrDefault(asked.getArgument(0), AgentPresence.Status.OFFLINE));
        for (AgentSeat seat : List.of(SAM, ALEX, RHIAN, JO)) {
            online(seat);
        }
    }

    @Test
    void aWasteChatIsForTheWasteSpecialistsWhileOneIsFree() {
        offline(RHIAN);
        Conversation waste = chat("en", null, "waste");

        assertThatThrownBy(() -> routing.checkLanguage(waste, "jo"))
                .isInstanceOfSatisfying(
                        ChatRejected.class,
                        rejected -> assertThat(rejected.code()).isEqualTo("specialist-available"));
        assertThatCode(() -> routing.checkLanguage(waste, "sam")).doesNotThrowAnyException();
        assertThat(routing.route(List.of(waiting(waste))).getFirst().meantFor()).containsExactly("sam");
    }

    @Test
    void anyoneMayTakeAWasteChatWhenNoSpecialistCouldTakeItNow() {
        offline(RHIAN);
        held.put("sam", 2); // at Sam's limit
        Conversation waste = chat("en", null, "waste");

        assertThatCode(() -> routing.checkLanguage(waste, "jo")).doesNotThrowAnyException();
        assertThat(routing.route(List.of(waiting(waste))).getFirst().meantFor()).isEmpty();
    }

    @Test
    void languageCountsBeforeService() {
        offline(RHIAN);
        Conversation welshWaste = chat("cy", null, "waste");

        // Alex speaks Welsh but is a generalist; Sam handles waste but speaks no Welsh: Alex first.
        assertThatThrownBy(() -> routing.checkLanguage(welshWaste, "sam"))
                .isInstanceOfSatisfying(
                        ChatRejected.class,
                        rejected -> assertThat(rejected.code()).isEqualTo("speaker-available"));
        assertThatCode(() -> routing.checkLanguage(welshWaste, "alex")).doesNotThrowAnyException();

        // A Welsh speaker with the waste skill fits best of all.
        online(RHIAN);
        assertThatThrownBy(() -> routing.checkLanguage(welshWaste, "alex"))
                .isInstanceOfSatisfying(
                        ChatRejected.class,
                        rejected -> assertThat(rejected.code()).isEqualTo("specialist-available"));
    }

    @Test
    void theServiceIsThePassedBackSkillElseTheBotsFindingWhenTheCouncilHasThatSkill() {
        assertThat(routing.serviceOf(chat("en", "council-tax", "waste"))).isEqualTo("council-tax");
        assertThat(routing.serviceOf(chat("en", null, "waste"))).isEqualTo("waste");
        assertThat(routing.serviceOf(chat("en", null, "astrology"))).isNull();
        assertThat(routing.serviceOf(chat("en", null, null))).isNull();
    }

    @Test
    void autoAssignmentPicksTheFittestThenFewestChatsThenIdleLongest() {
        for (AgentSeat seat : List.of(SAM, ALEX, RHIAN, JO)) {
            receiving.add(seat.username());
        }
        assertThat(routing.assigneeFor(chat("en", null, "waste")).orElseThrow().username())
                .isIn("sam", "rhian");

        held.put("sam", 1);
        held.put("alex", 1);
        held.put("rhian", 1);
        assertThat(routing.assigneeFor(chat("en", null, null)).orElseThrow()).isEqualTo(JO);

        held.put("jo", 1);
        when(presence.busyTurns()).thenReturn(Map.of("sam", 40L, "alex", 10L, "rhian", 30L, "jo", 20L));
        assertThat(routing.assigneeFor(chat("en", null, null)).orElseThrow()).isEqualTo(ALEX);
    }

    @Test
    void aCouncilsChatIsForItsOwnAgentsOnlyHoweverFreeTheOthersAre() {
        AgentSeat morgan =
                new AgentSeat("morgan", "Morgan", Set.of("en", "cy"), Set.of("waste"), 3, false, Set.of(COUNTY));
        when(seats.all()).thenReturn(List.of(SAM, ALEX, RHIAN, JO, morgan));
        online(morgan);
        for (AgentSeat seat : List.of(SAM, ALEX, RHIAN, JO, morgan)) {
            receiving.add(seat.username());
        }
        held.put("sam", 2);
        held.put("alex", 3);
        held.put("rhian", 3);
        held.put("jo", 3); // the district's agents are all full; the county's Morgan is free and fits best

        Conversation districtChat = chat(DISTRICT, "cy", null, "waste");
        assertThat(routing.assigneeFor(districtChat)).isEmpty();
        assertThat(routing.route(List.of(waiting(districtChat))).getFirst().meantFor())
                .doesNotContain("morgan");

        Conversation countyChat = chat(COUNTY, "en", null, null);
        assertThat(routing.assigneeFor(countyChat)).contains(morgan);
        // Nor does a free colleague of another council count as a better fit, holding up the district's own agent.
        held.put("jo", 0);
        assertThatCode(() -> routing.checkLanguage(districtChat, "jo")).doesNotThrowAnyException();
    }

    @Test
    void nobodyIsPickedWhenEveryoneIsAwayOrFull() {
        for (AgentSeat seat : List.of(SAM, ALEX, RHIAN, JO)) {
            receiving.add(seat.username());
            held.put(seat.username(), seat.maxChats());
        }
        assertThat(routing.assigneeFor(chat("en", null, null))).isEmpty();
    }

    private void online(AgentSeat seat) {
        statuses.put(seat.username(), AgentPresence.Status.ONLINE);
    }

    private void offline(AgentSeat seat) {
        statuses.put(seat.username(), AgentPresence.Status.OFFLINE);
    }

    private static AgentSeat seat(String username, Set<String> languages, Set<String> skills, int maxChats) {
        return new AgentSeat(username, username, languages, skills, maxChats, false, Set.of(DISTRICT));
    }

    private static Conversation chat(String language, String skill, String service) {
        return chat(DISTRICT, language, skill, service);
    }

    private static Conversation chat(String council, String language, String skill, String service) {
        Map<String, String> context = service == null ? Map.of() : Map.of("service", service);
        return new Conversation(
                "c-1",
                council,
                ConversationState.WAITING,
                language,
                1,
                null,
                "RESIDENT_ASKED",
                null,
                null,
                null,
                skill,
                context);
    }

    private static WaitingChat waiting(Conversation chat) {
        return new WaitingChat(
                chat.id(),
                chat.councilId(),
                1,
                null,
                chat.handoffReason(),
                "",
                chat.language(),
                chat.skill(),
                chat.context());
    }
}
