package dev.parapet.core.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.parapet.core.json.CelValues;
import dev.parapet.core.json.Json;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The few functions CEL lacks for cloud documents that embed JSON as text: S3 bucket policies (policyText),
 * IAM policy documents (URL-encoded JSON in Config items), Azure and GCP settings stored as strings.
 * A malformed argument is an evaluation error, so the rule reports ERROR rather than guessing; {@code cannotDecide}
 * raises such an error on purpose, with a reason the operator can act on.
 */
final class ParapetFunctions {
    private ParapetFunctions() {
    }

    static final List<CelFunctionDecl> DECLARATIONS = List.of(
            CelFunctionDecl.newFunctionDeclaration("parseJson",
                    CelOverloadDecl.newGlobalOverload("parseJson_string", SimpleType.DYN, SimpleType.STRING)),
            CelFunctionDecl.newFunctionDeclaration("urlDecode",
                    CelOverloadDecl.newGlobalOverload("urlDecode_string", SimpleType.STRING, SimpleType.STRING)),
            CelFunctionDecl.newFunctionDeclaration("cannotDecide",
                    CelOverloadDecl.newGlobalOverload("cannotDecide_string", SimpleType.DYN, SimpleType.STRING)));

    static final List<CelFunctionBinding> BINDINGS = List.of(
            CelFunctionBinding.from("parseJson_string", String.class, ParapetFunctions::parseJson),
            CelFunctionBinding.from("urlDecode_string", String.class, ParapetFunctions::urlDecode),
            CelFunctionBinding.from("cannotDecide_string", String.class, ParapetFunctions::cannotDecide));

    static Object parseJson(String text) throws CelEvaluationException {
        try {
            return CelValues.fromJson(Json.MAPPER.readTree(text));
        } catch (JsonProcessingException e) {
            throw new CelEvaluationException("parseJson: not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** Makes the finding ERROR with the rule's own reason (e.g. a child document the collector did not supply). */
    static Object cannotDecide(String reason) throws CelEvaluationException {
        throw new CelEvaluationException(reason);
    }

    static String urlDecode(String text) throws CelEvaluationException {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new CelEvaluationException("urlDecode: " + e.getMessage());
        }
    }
}
