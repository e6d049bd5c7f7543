package dev.coreoswatch.model;

/** {@code Linux-Minimum}..{@code Linux-Maximum} from OpenZFS {@code META}, both inclusive. */
public record LinuxRange(MajorMinor minimum, MajorMinor maximum) {
    public boolean contains(KernelVersion kernel) {
        return kernel.line().compareTo(minimum) >= 0 && kernel.line().compareTo(maximum) <= 0;
    }

    @Override
    public String toString() {
        return minimum + "-" + maximum;
    }
}
