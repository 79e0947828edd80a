package dev.parapet.aws.collect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.aws.sdk.AwsErrors;
import dev.parapet.aws.sdk.SdkJson;
import dev.parapet.core.json.Json;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

import java.util.Set;

/**
 * Lambda functions: ListFunctions' FunctionConfiguration in Config's lower-camel shape, with the resource policy
 * (GetPolicy) in supplementaryConfiguration.Policy as the JSON text Config stores; none when the function has none.
 */
public final class LambdaCollector implements ServiceCollector {
    public static final String FUNCTION = "AWS::Lambda::Function";

    @Override
    public Set<String> types() {
        return Set.of(FUNCTION);
    }

    @Override
    public boolean global() {
        return false;
    }

    @Override
    public void collect(Target target, String region, Set<String> types, Collected out) {
        LambdaClient lambda = target.clients().lambda(region);
        Listing.of(out, region, FUNCTION, "lambda:ListFunctions",
                        () -> lambda.listFunctionsPaginator(r -> { }).functions().stream().toList())
                .forEach(f -> function(target, region, lambda, f, out));
    }

    @Override
    public boolean collectOne(Target target, String region, String type, String key, Collected out) {
        LambdaClient lambda = target.clients().lambda(region);
        try {
            function(target, region, lambda, lambda.getFunction(r -> r.functionName(key)).configuration(), out);
            return true;
        } catch (RuntimeException e) {
            if (AwsErrors.is(e, "ResourceNotFoundException")) {
                return false;
            }
            throw e;
        }
    }

    private static void function(Target t, String region, LambdaClient lambda, FunctionConfiguration f, Collected out) {
        ObjectNode c = SdkJson.object(f, SdkJson.Style.CONFIG);
        ObjectNode sup = Json.MAPPER.createObjectNode();
        Read<String> policy = Read.of(out, region, "lambda:GetPolicy", f.functionArn(),
                () -> lambda.getPolicy(r -> r.functionName(f.functionName())).policy(),
                Read.codes("ResourceNotFoundException"));
        if (policy.ok()) {
            sup.put("Policy", policy.value());
        } else if (policy.failed()) {
            sup.put("Policy", policy.unreadableText());
        }
        ConfigItems.Key key = new ConfigItems.Key(t.account(), region, FUNCTION, f.functionName(), f.functionArn(),
                f.functionName());
        out.item(ConfigItems.item(key, out.now(), null, c, sup, null), "lambda function " + f.functionName());
    }
}
