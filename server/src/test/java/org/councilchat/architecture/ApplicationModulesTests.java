package org.councilchat.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.councilchat.CouncilChatApplication;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ApplicationModulesTests {

    /**
     * The command line is the application's second entry point: it starts the very application whose
     * {@code main} hands it the arguments, so it belongs with the application class, not among the modules.
     */
    private static final ApplicationModules MODULES =
            ApplicationModules.of(CouncilChatApplication.class, resideInAPackage("org.councilchat.cli.."));

    @Test
    void modulesHaveNoCyclesAndUseEachOtherOnlyThroughTheirRootPackages() {
        MODULES.verify();
    }

    /**
     * Writes the module documentation: a diagram of all modules, one per module, and each module's canvas (its
     * API, beans, events and settings), into {@code server/target/spring-modulith-docs}. To refresh the copy kept
     * in {@code docs/modules}, run this test with {@code -Dcouncil-chat.module-docs=../docs/modules}. (It is not
     * rewritten on every build: the order of a diagram's arrows differs from run to run.)
     */
    @Test
    void writesTheModuleDocumentation() throws IOException {
        String folder = System.getProperty("council-chat.module-docs", "target/spring-modulith-docs");
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(folder))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
        try (var written = Files.list(Path.of(folder))) {
            assertThat(written.map(file -> file.getFileName().toString()))
                    .contains("components.puml", "module-knowledge.adoc", "module-handoff.puml");
        }
    }
}
