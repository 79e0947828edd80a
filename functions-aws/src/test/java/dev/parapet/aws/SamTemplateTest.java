package dev.parapet.aws;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** infra/aws/template.yaml: cfn-lint accepts it, and every handler it names is a handler class of this module. */
class SamTemplateTest {
    static final Path TEMPLATE = Path.of("..", "infra", "aws", "template.yaml");

    @Test
    void cfnLintPasses() throws Exception {
        assertThat(TEMPLATE).exists();
        Process lint;
        try {
            lint = new ProcessBuilder("cfn-lint", TEMPLATE.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("cfn-lint is not on PATH (pip install cfn-lint==1.51.0): " + e.getMessage());
        }
        String out = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(lint.waitFor(120, TimeUnit.SECONDS)).as("cfn-lint finished").isTrue();
        assertThat(lint.exitValue()).as("cfn-lint output:\n%s", out).isZero();
    }

    @Test
    void everyHandlerInTheTemplateExists() throws Exception {
        Matcher m = Pattern.compile("Handler:\\s*(\\S+)::handleRequest").matcher(Files.readString(TEMPLATE));
        List<String> handlers = new ArrayList<>();
        while (m.find()) {
            handlers.add(m.group(1));
        }
        assertThat(handlers).hasSizeGreaterThanOrEqualTo(3);
        for (String name : handlers) {
            Class<?> type = Class.forName(name);
            assertThat(RequestHandler.class.isAssignableFrom(type) || RequestStreamHandler.class.isAssignableFrom(type))
                    .as("%s is a Lambda handler", name).isTrue();
            assertThat(type.getConstructor()).as("%s has the public no-argument constructor Lambda calls", name).isNotNull();
        }
    }
}
