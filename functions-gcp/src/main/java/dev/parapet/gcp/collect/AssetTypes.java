package dev.parapet.gcp.collect;

import dev.parapet.core.model.Provider;
import dev.parapet.core.rules.RuleSet;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a collector lists (docs/resources-gcp.md): every asset type a GCP rule judges or reads as related data, with
 * RESOURCE content; and IAM_POLICY content for the types whose rules read {@code iamPolicy}.
 */
public record AssetTypes(Set<String> resourceTypes, Set<String> iamPolicyTypes) {

    /** Types whose rules read the asset's IAM policy; a merged document of these always carries {@code iamPolicy}. */
    public static final Set<String> IAM_POLICY_TYPES = Set.of(
            "cloudresourcemanager.googleapis.com/Project",
            "storage.googleapis.com/Bucket",
            "cloudkms.googleapis.com/CryptoKey",
            "bigquery.googleapis.com/Dataset");

    public AssetTypes {
        resourceTypes = Set.copyOf(new TreeSet<>(resourceTypes));
        iamPolicyTypes = Set.copyOf(new TreeSet<>(iamPolicyTypes));
    }

    /** The types the loaded rules need. */
    public static AssetTypes forRules(RuleSet rules) {
        Set<String> types = new TreeSet<>(rules.typesFor(Provider.GCP));
        Set<String> iam = new TreeSet<>(IAM_POLICY_TYPES);
        iam.retainAll(types);
        return new AssetTypes(types, iam);
    }

    /** (type, content type) pairs in a stable order: one ListAssets listing each. */
    public List<Listing> listings() {
        List<Listing> out = new java.util.ArrayList<>();
        new TreeSet<>(resourceTypes).forEach(t -> out.add(new Listing(t, ContentType.RESOURCE)));
        new TreeSet<>(iamPolicyTypes).forEach(t -> out.add(new Listing(t, ContentType.IAM_POLICY)));
        return out;
    }

    public record Listing(String assetType, ContentType contentType) {
        @Override
        public String toString() {
            return assetType + " (" + contentType + ")";
        }
    }
}
