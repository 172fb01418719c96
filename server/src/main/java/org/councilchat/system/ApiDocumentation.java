package org.councilchat.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of the HTTP APIs the council's other systems call (bin days, the Rasa-compatible API) and
 * of the webhooks Council Chat sends them, at {@code /v3/api-docs} for signed-in staff. springdoc writes it from the
 * controllers themselves, so it cannot drift from what the server does; this adds what the code cannot say.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    @Bean
    OpenAPI councilChatApi(ObjectProvider<BuildProperties> build) {
        BuildProperties built = build.getIfAvailable();
        return new OpenAPI()
                .info(new Info()
                        .title("Council Chat")
                        .version(built == null ? "unknown" : built.getVersion())
                        .description("The HTTP APIs of Council Chat, the chatbot and web chat for UK councils: bin"
                                + " days by postcode and property, and Rasa's HTTP API for tools written for Rasa."
                                + " Under webhooks, the signed events Council Chat sends to the council's case"
                                + " system (docs/webhooks.md: the signature, retries and order).")
                        .license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")))
                .components(new Components()
                        .addSecuritySchemes(
                                "rasaToken",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.APIKEY)
                                        .in(SecurityScheme.In.QUERY)
                                        .name("token")
                                        .description("council-chat.rasa.server.token, as Rasa's --auth-token"))
                        .addSecuritySchemes(
                                "rasaJwt",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description("A JWT signed (HS256) with council-chat.rasa.server.jwt-secret,"
                                                + " carrying exp")));
    }
}
