package dev.coreoswatch.invocation;

/** What a Lambda door calls: one invocation's JSON in and out, and priming before a snapshot. */
public interface FunctionService {
    byte[] handle(byte[] input);

    /** Exercises the invocation's local paths (JSON, SDK marshalling) without network or secrets. */
    void prime();
}
