package dev.openprofile.templates;

import java.util.AbstractCollection;
import java.util.Iterator;
import java.util.Map;

/**
 * One render's allowance of loop iterations and time. Every {@code for} loop iterates through {@link #wrap}, so
 * nested loops over large lists (or list literals) stop at the allowance instead of running for hours. A render runs
 * on one thread (the {@code parallel} tag is disallowed), so the budget is the thread's for the render's duration.
 */
final class LoopBudget {
    static final int MAX_ITERATIONS = 100_000;
    static final long MAX_NANOS = 2_000_000_000L;
    private static final ThreadLocal<LoopBudget> CURRENT = new ThreadLocal<>();
    private int left = MAX_ITERATIONS;
    private final long deadline = System.nanoTime() + MAX_NANOS;

    static void start() {
        CURRENT.set(new LoopBudget());
    }

    static void end() {
        CURRENT.remove();
    }

    private void spend() {
        if (--left < 0) throw new Exhausted("The template loops more than " + MAX_ITERATIONS + " times in one render.");
        if ((left & 1023) == 0 && System.nanoTime() > deadline) {
            throw new Exhausted("The template took longer than " + MAX_NANOS / 1_000_000 + " ms to render.");
        }
    }

    /** What a {@code for} loop iterates: maps by their entries, as Pebble does, collections by their elements. */
    static Object wrap(Object iterable) {
        LoopBudget budget = CURRENT.get();
        if (budget == null) throw new IllegalStateException("a loop outside a render");
        java.util.Collection<?> items;
        // Django loops over a missing variable as over an empty list: its {% empty %} branch renders.
        if (iterable == null) return java.util.List.of();
        if (iterable instanceof Map<?, ?> m) items = m.entrySet();
        else if (iterable instanceof java.util.Collection<?> c) items = c;
        else if (iterable instanceof Object[] a) items = java.util.Arrays.asList(a);
        else return iterable;
        return new AbstractCollection<Object>() {
            @Override
            public Iterator<Object> iterator() {
                Iterator<?> it = items.iterator();
                return new Iterator<>() {
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    public Object next() {
                        budget.spend();
                        return it.next();
                    }
                };
            }

            @Override
            public int size() {
                return items.size();
            }
        };
    }

    static final class Exhausted extends RuntimeException {
        Exhausted(String message) {
            super(message, null, false, false);
        }
    }
}
