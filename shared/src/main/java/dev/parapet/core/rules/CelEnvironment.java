package dev.parapet.core.rules;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.checker.CelStandardDeclarations;
import dev.cel.runtime.CelStandardFunctions;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;

/**
 * The one CEL environment rules are compiled in: {@code resource} (dyn: the native document) and
 * {@code related} (map of name to list of documents), {@code now} (timestamp of the run, for ages), standard macros (has, all, exists, exists_one, map, filter)
 * the strings, math, lists, sets and encoders extensions, and {@code parseJson(string)} / {@code urlDecode(string)}
 * for documents that embed JSON as text. Built once; thread-safe.
 */
public final class CelEnvironment {
    public static final String RESOURCE = "resource";
    public static final String RELATED = "related";
    public static final String NOW = "now";

    private static final CelOptions OPTIONS = CelOptions.current()
            .enableHeterogeneousNumericComparisons(true)
            .build();

    static final Cel CEL = CelFactory.standardCelBuilder()
            .setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .setStandardEnvironmentEnabled(false)
            .setStandardDeclarations(CelStandardDeclarations.newBuilder().build())
            .setStandardFunctions(CelStandardFunctions.newBuilder().build())
            .addVar(RESOURCE, SimpleType.DYN)
            .addVar(RELATED, MapType.create(SimpleType.STRING, ListType.create(SimpleType.DYN)))
            .addVar(NOW, SimpleType.TIMESTAMP)
            // Only the strings extension: every declared function is re-added to the checker's environment for each
            // expression compiled, so each extension library costs start-up time in every cold function.
            .addCompilerLibraries(CelExtensions.strings())
            .addRuntimeLibraries(CelExtensions.strings())
            .addFunctionDeclarations(ParapetFunctions.DECLARATIONS)
            .addFunctionBindings(ParapetFunctions.BINDINGS)
            .build();

    private CelEnvironment() {
    }

    /** Compiles a boolean expression; the message of the exception names line, column and the CEL error. */
    public static CelRuntime.Program compileBoolean(String expression) throws CelValidationException, CelEvaluationException {
        CelAbstractSyntaxTree ast = CEL.compile(expression).getAst();
        if (!ast.getResultType().equals(SimpleType.BOOL) && !ast.getResultType().equals(SimpleType.DYN)) {
            throw new IllegalArgumentException("expression must be boolean but is " + ast.getResultType().name());
        }
        return CEL.createProgram(ast);
    }

    /** Compiles an expression of any type (evidence values). */
    public static CelRuntime.Program compileValue(String expression) throws CelValidationException, CelEvaluationException {
        return CEL.createProgram(CEL.compile(expression).getAst());
    }
}
