package dev.parapet.azure.collect;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RequestIdPolicy;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.resourcemanager.resourcegraph.ResourceGraphManager;
import com.azure.resourcemanager.resources.ResourceManager;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The Azure SDK clients of one identity and cloud, sharing one HTTP pipeline: bearer token for the Resource Manager
 * audience, and retries that honour Retry-After on 429 and 5xx. A custom Resource Manager endpoint points every
 * client at a sovereign cloud or a local stub.
 */
public final class AzureClients {
    private final HttpPipeline pipeline;
    private final AzureProfile profile;
    private final String endpoint;
    private final ResourceManager.Authenticated resources;
    private final ResourceGraphManager graph;

    private AzureClients(HttpPipeline pipeline, AzureProfile profile) {
        this.pipeline = pipeline;
        this.profile = profile;
        this.endpoint = trimSlash(profile.getEnvironment().getResourceManagerEndpoint());
        this.resources = ResourceManager.authenticate(pipeline, profile);
        this.graph = ResourceGraphManager.authenticate(pipeline, profile);
    }

    /**
     * @param resourceManagerEndpoint null for public Azure; else an https URL (sovereign cloud, local stub)
     * @param credential              null for DefaultAzureCredential (managed identity in Azure, developer
     *                                credentials locally)
     * @param httpClient              null for the default client found on the class path
     * @param maxRetries              attempts after the first for 429, 5xx and I/O errors
     */
    public static AzureClients create(String resourceManagerEndpoint, TokenCredential credential, HttpClient httpClient,
                                      int maxRetries) {
        AzureEnvironment environment = environment(resourceManagerEndpoint);
        AzureProfile profile = new AzureProfile(null, null, environment);
        TokenCredential tokens = credential != null ? credential
                : new DefaultAzureCredentialBuilder().authorityHost(environment.getActiveDirectoryEndpoint()).build();
        String scope = trimSlash(environment.getResourceManagerEndpoint()) + "/.default";
        RetryOptions retry = new RetryOptions(new ExponentialBackoffOptions()
                .setMaxRetries(maxRetries).setBaseDelay(Duration.ofMillis(500)).setMaxDelay(Duration.ofSeconds(30)));
        HttpPipelineBuilder builder = new HttpPipelineBuilder().policies(
                new UserAgentPolicy("parapet"),
                new RequestIdPolicy(),
                // default headers: retry-after-ms, x-ms-retry-after-ms, Retry-After
                new RetryPolicy(retry),
                new BearerTokenAuthenticationPolicy(tokens, scope));
        if (httpClient != null) {
            builder.httpClient(httpClient);
        }
        return new AzureClients(builder.build(), profile);
    }

    static AzureEnvironment environment(String resourceManagerEndpoint) {
        if (resourceManagerEndpoint == null || resourceManagerEndpoint.isBlank()) {
            return AzureEnvironment.AZURE;
        }
        URI uri = URI.create(resourceManagerEndpoint.trim());
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("Resource Manager endpoint '" + resourceManagerEndpoint
                    + "' must be an https URL (the SDK sends bearer tokens over https only)");
        }
        for (AzureEnvironment known : AzureEnvironment.knownEnvironments()) {
            if (trimSlash(known.getResourceManagerEndpoint()).equalsIgnoreCase(trimSlash(resourceManagerEndpoint))) {
                return known;
            }
        }
        Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
        endpoints.put("resourceManagerEndpointUrl", trimSlash(resourceManagerEndpoint) + "/");
        endpoints.put("managementEndpointUrl", trimSlash(resourceManagerEndpoint) + "/");
        return new AzureEnvironment(endpoints);
    }

    static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public HttpPipeline pipeline() {
        return pipeline;
    }

    public AzureProfile profile() {
        return profile;
    }

    /** Resource Manager base URL without a trailing slash. */
    public String endpoint() {
        return endpoint;
    }

    public ResourceManager.Authenticated resources() {
        return resources;
    }

    public ResourceManager resources(String subscription) {
        return resources.withSubscription(subscription);
    }

    public ResourceGraphManager graph() {
        return graph;
    }
}
