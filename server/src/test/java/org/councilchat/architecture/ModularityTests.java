package org.councilchat.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries in CONVENTIONS.md, checked: dependencies point one way
 * (knowledge <- engine <- handoff <- webchat <- server) and a module uses another only through its root
 * package (its API), never through an internal sub-package.
 */
class ModularityTests {

    private static JavaClasses councilChat;

    @BeforeAll
    static void importClasses() {
        councilChat = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.councilchat");
    }

    @Test
    void modulesHaveNoCycles() {
        slices().matching("org.councilchat.(knowledge|engine|handoff|webchat)..")
                .should()
                .beFreeOfCycles()
                .check(councilChat);
    }

    @Test
    void knowledgeBaseDependsOnNoOtherModule() {
        noClasses()
                .that()
                .resideInAPackage("org.councilchat.knowledge..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.councilchat.engine..", "org.councilchat.handoff..", "org.councilchat.webchat..")
                .check(councilChat);
    }

    @Test
    void botEngineDependsOnlyOnTheKnowledgeBase() {
        noClasses()
                .that()
                .resideInAPackage("org.councilchat.engine..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.councilchat.handoff..", "org.councilchat.webchat..")
                .check(councilChat);
    }

    @Test
    void handoffDoesNotKnowTheWidget() {
        noClasses()
                .that()
                .resideInAPackage("org.councilchat.handoff..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.councilchat.webchat..")
                .check(councilChat);
    }

    @Test
    void modulesUseEachOtherOnlyThroughTheirApiPackages() {
        for (String module : new String[] {"knowledge", "engine", "handoff", "webchat"}) {
            noClasses()
                    .that()
                    .resideOutsideOfPackage("org.councilchat." + module + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("org.councilchat." + module + ".(*)..")
                    .as("classes outside " + module + " use only its API package org.councilchat." + module)
                    .check(councilChat);
        }
    }
}
