package dev.parapet.core.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** The one rounding every format uses: two decimals, half up, as Defender shows scores (0.3077 → 0.31). */
final class Numbers {
    private Numbers() {
    }

    static BigDecimal round2(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
    }

    /** Rounded, without trailing zeros: 62.50 → "62.5", 40.00 → "40". */
    static String short2(double value) {
        BigDecimal b = round2(value).stripTrailingZeros();
        return (b.scale() < 0 ? b.setScale(0) : b).toPlainString();
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
