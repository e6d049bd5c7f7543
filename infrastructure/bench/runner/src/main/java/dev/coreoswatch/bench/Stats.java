package dev.coreoswatch.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Median, minimum and maximum of one measure over the runs of one variant. */
record Stats(double median, double min, double max) {

    static <T> Stats of(List<T> samples, ToDoubleFunction<T> measure) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        double[] values = samples.stream().mapToDouble(measure).sorted().toArray();
        int n = values.length;
        double median = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
        return new Stats(median, values[0], values[n - 1]);
    }

    static Stats of(double... values) {
        return of(Arrays.stream(values).boxed().toList(), Double::doubleValue);
    }

    /** {@code 412 (398–455)}, rounded to whole units. */
    String format() {
        return String.format("%.0f (%.0f–%.0f)", median, min, max);
    }
}
