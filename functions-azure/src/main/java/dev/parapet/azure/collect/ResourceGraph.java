package dev.parapet.azure.collect;

import com.azure.core.http.rest.Response;
import com.azure.core.util.Context;
import com.azure.resourcemanager.resourcegraph.ResourceGraphManager;
import com.azure.resourcemanager.resourcegraph.models.QueryRequest;
import com.azure.resourcemanager.resourcegraph.models.QueryRequestOptions;
import com.azure.resourcemanager.resourcegraph.models.QueryResponse;
import com.azure.resourcemanager.resourcegraph.models.ResultFormat;
import com.azure.resourcemanager.resourcegraph.models.ResultTruncated;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parapet.core.json.Json;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one Resource Graph query to the end: 1,000 rows a page, following $skipToken, at most 1,000 subscriptions a
 * request, pausing when the user quota is spent. Failures throw {@link GraphException}: a partial inventory must never
 * pass for a complete one. Queries of one instance run one at a time: the quota is the identity's, shared by all.
 */
public final class ResourceGraph {
    static final int PAGE_SIZE = 1000;
    static final int SUBSCRIPTIONS_PER_REQUEST = 1000;
    private static final int MAX_PAGES = 10_000;

    private final ResourceGraphManager graph;
    private final Sleeper sleeper;
    private Duration pendingWait = Duration.ZERO;

    /** How the client waits for the quota window to reset. */
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;

        Sleeper REAL = d -> Thread.sleep(d.toMillis());
    }

    public ResourceGraph(AzureClients clients, Sleeper sleeper) {
        this.graph = clients.graph();
        this.sleeper = sleeper;
    }

    public static final class GraphException extends RuntimeException {
        public GraphException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Query across subscriptions (split into batches of 1,000). */
    public List<JsonNode> query(String kql, List<String> subscriptions) {
        List<JsonNode> rows = new ArrayList<>();
        for (int i = 0; i < subscriptions.size(); i += SUBSCRIPTIONS_PER_REQUEST) {
            List<String> batch = subscriptions.subList(i, Math.min(subscriptions.size(), i + SUBSCRIPTIONS_PER_REQUEST));
            rows.addAll(run(new QueryRequest().withSubscriptions(new ArrayList<>(batch)).withQuery(kql)));
        }
        return rows;
    }

    /** Query across the subscriptions below management groups. */
    public List<JsonNode> queryManagementGroups(String kql, List<String> managementGroups) {
        return run(new QueryRequest().withManagementGroups(new ArrayList<>(managementGroups)).withQuery(kql));
    }

    private synchronized List<JsonNode> run(QueryRequest request) {
        List<JsonNode> rows = new ArrayList<>();
        String skipToken = null;
        int page = 0;
        do {
            if (++page > MAX_PAGES) {
                throw new GraphException("Resource Graph paging did not end after " + MAX_PAGES + " pages", null);
            }
            pause();
            request.withOptions(new QueryRequestOptions().withTop(PAGE_SIZE).withSkipToken(skipToken)
                    .withResultFormat(ResultFormat.OBJECT_ARRAY));
            Response<QueryResponse> response;
            try {
                response = graph.resourceProviders().resourcesWithResponse(request, Context.NONE);
            } catch (RuntimeException e) {
                throw new GraphException("Resource Graph query failed on page " + page + ": " + e.getMessage(), e);
            }
            pendingWait = GraphThrottle.waitAfter(response.getHeaders());
            QueryResponse body = response.getValue();
            JsonNode data = Json.MAPPER.valueToTree(body.data());
            if (data == null || !data.isArray()) {
                throw new GraphException("Resource Graph page " + page + " has no row array in 'data'", null);
            }
            data.forEach(rows::add);
            skipToken = body.skipToken();
            if ((skipToken == null || skipToken.isBlank()) && body.resultTruncated() == ResultTruncated.TRUE) {
                throw new GraphException("Resource Graph truncated the result without a $skipToken "
                        + "(the query must project the id column)", null);
            }
        } while (skipToken != null && !skipToken.isBlank());
        return rows;
    }

    private void pause() {
        if (pendingWait.isZero()) {
            return;
        }
        try {
            sleeper.sleep(pendingWait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphException("interrupted while waiting for the Resource Graph quota", e);
        }
        pendingWait = Duration.ZERO;
    }
}
