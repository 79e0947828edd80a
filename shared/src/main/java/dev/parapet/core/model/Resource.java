package dev.parapet.core.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One cloud resource as its cloud documents it.
 *
 * @param id         native id: ARN (or Config resourceId where there is no ARN), ARM id, or Cloud Asset name
 * @param type       native type: AWS::S3::Bucket, Microsoft.Storage/storageAccounts, storage.googleapis.com/Bucket
 * @param account    AWS account id, Azure subscription id, or GCP project (id or number as the document gives it)
 * @param region     region / location; "global" where the cloud has none
 * @param observedAt when the cloud captured this state (Config capture time, event time, asset update time);
 *                   it orders writes so that an older document never overwrites a newer one
 * @param deleted    true when the document says the resource no longer exists
 * @param document   the native document, normalised only where the cloud itself is inconsistent
 *                   (decoded supplementaryConfiguration, canonical top-level ARM keys)
 */
public record Resource(Provider provider, String id, String type, String account, String region, String name,
                       Map<String, String> tags, Instant observedAt, boolean deleted, JsonNode document) {

    public Resource {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        account = account == null ? "" : account;
        region = region == null || region.isBlank() ? "global" : region;
        name = name == null ? "" : name;
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        Objects.requireNonNull(observedAt, "observedAt");
        Objects.requireNonNull(document, "document");
    }

    public ResourceRef ref() {
        return new ResourceRef(provider, id, type, account, region, name);
    }
}
