package dev.parapet.aws.scan;

/** An account to assess; {@code roleArn} null for the account the code runs in. */
public record Member(String account, String roleArn) {
}
