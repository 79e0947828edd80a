package dev.parapet.aws.collect;

import dev.parapet.aws.sdk.AwsErrors;

import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The outcome of one detail call: a value, the documented absence of one (e.g. NoSuchBucketPolicy), or a failure
 * (reported as a problem). Collectors write absence the way Config does and a failure as {@link #UNREADABLE}, so
 * that rules reading it cannot decide (ERROR) rather than see a bucket without a policy.
 */
public record Read<T>(T value, boolean absent, Throwable failure) {
    /** Written in place of a block whose call failed: a string where rules expect an object, so they ERROR. */
    public static final String UNREADABLE = "unreadable";

    public static <T> Read<T> of(Collected out, String region, String operation, String subject, Supplier<T> call,
                                 Predicate<Throwable> absent) {
        try {
            return new Read<>(call.get(), false, null);
        } catch (RuntimeException e) {
            if (absent != null && absent.test(e)) {
                return new Read<>(null, true, null);
            }
            out.problem(region, operation, subject, e);
            return new Read<>(null, false, e);
        }
    }

    public static Predicate<Throwable> codes(String... codes) {
        return e -> AwsErrors.is(e, codes);
    }

    public boolean ok() {
        return failure == null && !absent;
    }

    public boolean failed() {
        return failure != null;
    }

    public String unreadableText() {
        return UNREADABLE + ": " + AwsErrors.describe(failure);
    }
}
