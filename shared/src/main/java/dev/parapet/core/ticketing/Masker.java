package dev.parapet.core.ticketing;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Replaces every known secret (password, client secret, tokens, Basic credentials) in text meant for people. */
final class Masker {
    static final String MASK = "***";
    private final Set<String> secrets = ConcurrentHashMap.newKeySet();

    void add(String secret) {
        if (secret != null && secret.length() >= 3) {
            secrets.add(secret);
        }
    }

    String mask(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        // longest first, so a secret containing another is masked whole
        List<String> ordered = secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String s : ordered) {
            out = out.replace(s, MASK);
        }
        return out;
    }
}
