package dev.parapet.cli.estate;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/** The only source of randomness of the sample estate: seeded, so one seed always yields the same estate. */
final class Rand {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final char[] UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final char[] LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final SplittableRandom random;

    Rand(long seed) {
        this(new SplittableRandom(seed));
    }

    private Rand(SplittableRandom random) {
        this.random = random;
    }

    /** An independent stream: adding a resource type to one cloud does not reshuffle the others. */
    Rand split() {
        return new Rand(random.split());
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    /** Uniform in [low, high], both inclusive. */
    int between(int low, int high) {
        return low + random.nextInt(high - low + 1);
    }

    @SafeVarargs
    final <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }

    <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    String hex(int length) {
        return chars(HEX, length);
    }

    String digits(int length) {
        StringBuilder b = new StringBuilder(length);
        b.append((char) ('1' + random.nextInt(9)));
        for (int i = 1; i < length; i++) {
            b.append((char) ('0' + random.nextInt(10)));
        }
        return b.toString();
    }

    /** Upper-case letters and digits 2-7, as in IAM unique ids (AIDA...) and access key ids. */
    String upperAlnum(int length) {
        return chars(UPPER_ALNUM, length);
    }

    String lowerAlnum(int length) {
        return chars(LOWER_ALNUM, length);
    }

    /** A version-4 shaped UUID drawn from this stream. */
    String uuid() {
        String h = hex(32);
        char variant = HEX[8 + random.nextInt(4)];
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-4" + h.substring(13, 16) + "-" + variant
                + h.substring(17, 20) + "-" + h.substring(20, 32);
    }

    /** A moment between minDays and maxDays before {@code anchor}, to the second. */
    Instant daysBefore(Instant anchor, int minDays, int maxDays) {
        long seconds = (long) minDays * 86_400 + (long) random.nextInt(Math.max(1, (maxDays - minDays) * 86_400) + 1);
        return anchor.minusSeconds(seconds);
    }

    private String chars(char[] alphabet, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(alphabet[random.nextInt(alphabet.length)]);
        }
        return b.toString();
    }
}
