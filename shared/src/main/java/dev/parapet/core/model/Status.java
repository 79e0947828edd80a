package dev.parapet.core.model;

/** Outcome of one rule on one resource. ERROR means the rule could not decide: it is never counted as a pass. */
public enum Status {
    PASS, FAIL, ERROR
}
