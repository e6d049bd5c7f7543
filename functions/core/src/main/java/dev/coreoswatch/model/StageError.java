package dev.coreoswatch.model;

/** An entry of the report's {@code errors}. */
public record StageError(String stream, Stage stage, String message) {}
