package dev.coreoswatch.bench;

/** A function started one way: as deployed, or with extra JVM options (an AppCDS archive). */
record Variant(FunctionCase function, String label, String jvmOptions) {
    static Variant plain(FunctionCase function) {
        return new Variant(function, function.name(), "");
    }

    boolean isFloor() {
        return function.name().equals(Cases.FLOOR);
    }
}
