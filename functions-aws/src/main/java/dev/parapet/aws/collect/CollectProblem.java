package dev.parapet.aws.collect;

/**
 * Something the collector could not read. {@code denied} marks an authorization failure (the role lacks a
 * permission or a service control policy forbids it).
 *
 * @param region    "global" for global services
 * @param operation service:Action, as in an IAM policy, e.g. s3:GetBucketPolicy
 * @param subject   the resource or resource type concerned
 */
public record CollectProblem(String account, String region, String operation, String subject, String code,
                             String message, boolean denied) {

    @Override
    public String toString() {
        return operation + " in " + account + "/" + region + (subject == null ? "" : " (" + subject + ")") + ": "
                + code + (message == null || message.isBlank() ? "" : " " + message);
    }
}
