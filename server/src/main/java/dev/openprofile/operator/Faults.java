package dev.openprofile.operator;

import dev.openprofile.http.FaultSource;
import dev.openprofile.store.Jdbc;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * The injected faults, as every request checks them: an in-memory copy of operator_fault, refreshed
 * when this node changes it and every second (another node's change). A request with no fault for its
 * account costs a scan of an empty or short list; only a fault that strikes with a count touches the
 * database, to spend one strike atomically.
 */
final class Faults implements FaultSource {
    private final Jdbc jdbc;
    private final FaultStore store = new FaultStore();
    /** A uniform draw in [0, 1) per matching request; tests pass a fixed sequence. */
    private final DoubleSupplier draw;
    private volatile List<Fault> current = List.of();

    Faults(Jdbc jdbc, DoubleSupplier draw) {
        this.jdbc = jdbc;
        this.draw = draw;
    }

    void refresh() {
        current = jdbc.read(store::all);
    }

    List<Fault> all() {
        refresh();
        return current;
    }

    void add(Fault fault) {
        jdbc.inTransaction(c -> {
            store.insert(c, fault);
            return null;
        });
        refresh();
    }

    boolean remove(String id) {
        boolean removed = jdbc.inTransaction(c -> store.delete(c, id));
        refresh();
        return removed;
    }

    int clear() {
        int removed = jdbc.inTransaction(store::deleteAll);
        refresh();
        return removed;
    }

    /** The first of the account's faults, oldest first, that matches the operation and wins its draw. */
    @Override
    public Optional<Strike> strike(String accountId, String operationId) {
        List<Fault> faults = current;
        if (faults.isEmpty()) return Optional.empty();
        for (Fault f : faults) {
            if (!f.matches(accountId, operationId) || !(f.rate() >= 1.0 || draw.getAsDouble() < f.rate())) continue;
            if (f.remaining() != null) {
                Optional<Integer> left = jdbc.inTransaction(c -> store.spend(c, f.id()));
                if (left.isEmpty() || left.get() == 0) refresh();
                if (left.isEmpty()) continue;
            }
            return Optional.of(new Strike(f.status() == null ? 0 : f.status(), f.latencyMs()));
        }
        return Optional.empty();
    }
}
