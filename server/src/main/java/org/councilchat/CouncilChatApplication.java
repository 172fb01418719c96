package org.councilchat;

import org.councilchat.cli.Commands;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Council Chat. With no arguments it serves the chat, the agent console and the editor; with a command
 * ({@code --help} lists them) it runs that offline job and exits without starting the web server.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CouncilChatApplication {

    public static void main(String[] args) {
        if (Commands.isCommand(args)) {
            System.exit(Commands.run(args));
        }
        SpringApplication.run(CouncilChatApplication.class, args);
    }
}
