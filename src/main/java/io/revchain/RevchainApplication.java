package io.revchain;

import io.revchain.identity.AdminCommand;
import io.revchain.importing.ImportCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class RevchainApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("import")) {
            // A client of a running service: no application context of its own.
            System.exit(ImportCommand.run(args));
        }
        if (args.length > 0 && (args[0].equals("users") || args[0].equals("keys"))) {
            System.exit(AdminCommand.run(args));
        }
        SpringApplication.run(RevchainApplication.class, args);
    }
}
