package dev.parapet.core.report;

import dev.parapet.core.ingest.ParseResult;
import dev.parapet.core.ingest.ResourceParser;
import dev.parapet.core.json.Json;
import dev.parapet.core.model.Resource;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Two days of a small three-cloud estate as native documents, and rules that read one field of each, for reports
 * built from a real store. Day 1 → day 2: AWS b1 starts failing, b2 keeps failing, b3 disappears, b4 goes from
 * undecidable to passing, b5 appears; Azure st2 gets fixed; GCP g1 keeps failing.
 */
final class StoreEstate {
    static final Instant DAY1 = Instant.parse("2026-03-03T02:00:00Z");
    static final Instant DAY2 = Instant.parse("2026-03-04T02:00:00Z");
    static final String GCP_PROJECT = "415104041262";

    static final String RULES = """
            rules:
              - id: e2e-aws-bucket-flag
                title: Bucket flag is ok
                provider: aws
                resourceTypes: ["AWS::S3::Bucket"]
                severity: HIGH
                control: restrict-unauthorized-network-access
                compliance:
                  CIS-AWS-7.0.0: ["3.1.4"]
                  AWS-FSBP: [S3.8]
                remediation: Set the flag to ok.
                expression: resource.configuration.flag == "ok"
                evidence:
                  flag: resource.configuration.flag
              - id: e2e-azure-storage-flag
                title: Storage account flag is ok
                provider: azure
                resourceTypes: ["Microsoft.Storage/storageAccounts"]
                severity: MEDIUM
                control: encrypt-data-in-transit
                compliance:
                  CIS-Azure-6.0.0: ["9.1.1"]
                remediation: Set properties.flag to ok.
                expression: resource.properties.flag == "ok"
              - id: e2e-gcp-bucket-flag
                title: Cloud Storage bucket flag is ok
                provider: gcp
                resourceTypes: ["storage.googleapis.com/Bucket"]
                severity: CRITICAL
                control: encrypt-data-in-transit
                compliance:
                  CIS-GCP-5.0.0: ["6.2.4"]
                remediation: Set data.flag to ok.
                expression: resource.resource.data.flag == "ok"
            """;

    private StoreEstate() {
    }

    static List<String> day1() {
        return List.of(aws("b1", "ok", DAY1), aws("b2", "bad", DAY1), aws("b3", "bad", DAY1), aws("b4", null, DAY1),
                azure("st1", "ok"), azure("st2", "bad"), gcp("g1", "bad", DAY1), gcp("g2", "ok", DAY1));
    }

    static List<String> day2() {
        return List.of(aws("b1", "bad", DAY2), aws("b2", "bad", DAY1), aws("b4", "ok", DAY2), aws("b5", "ok", DAY2),
                azure("st1", "ok"), azure("st2", "ok"), gcp("g1", "bad", DAY1), gcp("g2", "ok", DAY1));
    }

    static List<Resource> parse(List<String> documents, Instant now) throws IOException {
        List<Resource> out = new ArrayList<>();
        for (String doc : documents) {
            ParseResult r = ResourceParser.parse(Json.MAPPER.readTree(doc), "estate", now);
            if (!r.problems().isEmpty()) {
                throw new IllegalStateException("estate document does not parse: " + r.problems());
            }
            out.addAll(r.resources());
        }
        return out;
    }

    static String aws(String bucket, String flag, Instant captured) {
        String config = flag == null ? "{\"name\":\"" + bucket + "\"}" : "{\"name\":\"" + bucket + "\",\"flag\":\"" + flag + "\"}";
        return """
                {"configurationItemStatus":"OK","awsAccountId":"111122223333","resourceType":"AWS::S3::Bucket",
                 "resourceId":"%s","resourceName":"%s","ARN":"arn:aws:s3:::%s","awsRegion":"us-east-1",
                 "configurationItemCaptureTime":"%s","configuration":%s,"supplementaryConfiguration":{}}"""
                .formatted(bucket, bucket, bucket, captured, config);
    }

    static String azure(String name, String flag) {
        return """
                {"id":"/subscriptions/sub-1/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/%s",
                 "name":"%s","type":"Microsoft.Storage/storageAccounts","location":"westeurope",
                 "properties":{"flag":"%s"}}""".formatted(name, name, flag);
    }

    static String gcp(String bucket, String flag, Instant updated) {
        return """
                {"name":"//storage.googleapis.com/%s","assetType":"storage.googleapis.com/Bucket","updateTime":"%s",
                 "resource":{"version":"v1","parent":"//cloudresourcemanager.googleapis.com/projects/%s",
                  "location":"EU","data":{"name":"%s","flag":"%s"}}}""".formatted(bucket, updated, GCP_PROJECT, bucket, flag);
    }
}
