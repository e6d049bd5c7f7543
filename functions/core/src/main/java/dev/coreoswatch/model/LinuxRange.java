package dev.coreoswatch.model;

/** {@code Linux-Minimum}..{@code Linux-Maximum} from OpenZFS {@code META}, both inclusive. */
public record LinuxRange(MajorMinor minimum, MajorMinor maximum) {
    /** Reads the {@code 4.18-7.1} form that {@link #toString()} writes. */
    public static LinuxRange parse(String text) {
        int dash = text == null ? -1 : text.indexOf('-');
        if (dash < 0) {
            throw new InvalidValueException("Linux range", text, "use minimum-maximum such as 4.18-6.17");
        }
        return new LinuxRange(MajorMinor.parse(text.substring(0, dash)), MajorMinor.parse(text.substring(dash + 1)));
    }

    public boolean contains(KernelVersion kernel) {
        return kernel.line().compareTo(minimum) >= 0 && kernel.line().compareTo(maximum) <= 0;
    }

    @Override
    public String toString() {
        return minimum + "-" + maximum;
    }
}
