package io.revchain;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class RevchainApplication {

    public static void main(String[] args) {
        SpringApplication.run(RevchainApplication.class, args);
    }
}
