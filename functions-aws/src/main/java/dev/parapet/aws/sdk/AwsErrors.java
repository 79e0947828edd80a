package dev.parapet.aws.sdk;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.Set;

/** Reads what went wrong in an SDK call: denied, not found, or anything else. */
public final class AwsErrors {
    private static final Set<String> DENIED = Set.of("AccessDenied", "AccessDeniedException", "UnauthorizedOperation",
            "UnauthorizedAccess", "AuthorizationError", "AuthorizationErrorException", "OptInRequired",
            "InvalidClientTokenId", "UnrecognizedClientException", "AccessDeniedFault", "AuthFailure",
            "NotAuthorized", "ExpiredToken", "ExpiredTokenException", "SignatureDoesNotMatch");

    private AwsErrors() {
    }

    public static String code(Throwable e) {
        if (e instanceof AwsServiceException a && a.awsErrorDetails() != null && a.awsErrorDetails().errorCode() != null) {
            return a.awsErrorDetails().errorCode();
        }
        return e.getClass().getSimpleName();
    }

    public static boolean denied(Throwable e) {
        return e instanceof AwsServiceException a && (DENIED.contains(code(a)) || a.statusCode() == 403);
    }

    /** True for the given error codes, or a 404 when {@code any404}. */
    public static boolean is(Throwable e, String... codes) {
        String code = code(e);
        for (String c : codes) {
            if (c.equals(code)) {
                return true;
            }
        }
        return false;
    }

    public static boolean notFound(Throwable e) {
        return e instanceof AwsServiceException a && (a.statusCode() == 404 || code(a).contains("NotFound")
                || code(a).startsWith("NoSuch"));
    }

    /** One line for problems and logs: code and the service's message, never request ids or credentials. */
    public static String describe(Throwable e) {
        if (e instanceof AwsServiceException a) {
            String message = a.awsErrorDetails() != null ? a.awsErrorDetails().errorMessage() : a.getMessage();
            return code(a) + ": " + (message == null ? "(no message)" : message);
        }
        if (e instanceof SdkException) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        return e.toString();
    }
}
