package org.councilchat.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;

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
     * Keeps {@code docs/modules} (a diagram of all modules, one per module, and each module's canvas: its API,
     * beans, events and settings) in step with the code. A change to a module's shape shows up in the diff.
     */
    @Test
    void writesTheModuleDocumentation() {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("../docs/modules"))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
    }
}
