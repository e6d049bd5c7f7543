package dev.coreoswatch.bench;

/** A function started one way: as deployed, or with extra JVM options (an AppCDS archive). */
record Variant(FunctionCase function, String label, String jvmOptions) {
    static Variant plain(FunctionCase function) {
        return new Variant(function, function.name(), "");
    }

    /** Either floor: the yardstick of issue 16 or the one that builds only what the functions build. */
    boolean isFloor() {
        return function.isFloor();
    }
}
