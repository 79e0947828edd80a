package dev.parapet.core.rules;

import dev.cel.runtime.CelEvaluationException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParapetFunctionsTest {
    private static Object eval(String expression, Object resource) throws Exception {
        return CelEnvironment.compileValue(expression).eval(Map.of("resource", resource, "related", Map.of(),
                "now", java.time.Instant.EPOCH));
    }

    @Test
    void parseJsonReadsPolicyTextAndUrlDecodeReadsIamDocuments() throws Exception {
        String policy = "{\"Statement\":[{\"Effect\":\"Deny\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}";
        assertThat(eval("parseJson(resource.p).Statement.exists(s, s.Effect == 'Deny' && "
                + "s.Condition.Bool['aws:SecureTransport'] == 'false')", Map.of("p", policy))).isEqualTo(true);
        String encoded = "%7B%22Statement%22%3A%5B%7B%22Action%22%3A%22*%22%2C%22Resource%22%3A%22*%22%7D%5D%7D";
        assertThat(eval("parseJson(urlDecode(resource.d)).Statement[0].Action", Map.of("d", encoded))).isEqualTo("*");
    }

    @Test
    void malformedTextIsAnEvaluationErrorNotAGuess() {
        assertThatThrownBy(() -> eval("parseJson(resource.p).Statement.size() == 0", Map.of("p", "{not json")))
                .isInstanceOf(CelEvaluationException.class).hasMessageContaining("parseJson: not valid JSON");
        assertThatThrownBy(() -> eval("urlDecode(resource.d) == ''", Map.of("d", "%zz")))
                .isInstanceOf(CelEvaluationException.class).hasMessageContaining("urlDecode");
    }

    @Test
    void cannotDecideMakesAnErrorWithTheRulesReason() {
        assertThatThrownBy(() -> eval("resource.items.size() == 0 ? cannotDecide('child not supplied') : true", Map.of("items", java.util.List.of())))
                .isInstanceOf(CelEvaluationException.class).hasMessageContaining("child not supplied");
    }
}
