package dev.schemagate.schemas.shape;

import dev.schemagate.schemas.document.Conj;
import java.util.ArrayList;
import java.util.List;

/** Array keywords: per-position schemas, the schema of the items after them, and count bounds (-1 = none). */
public record ArrayRules(List<Conj> prefix, Conj items, int minItems, int maxItems) {
    public static final ArrayRules ANY = new ArrayRules(List.of(), Conj.TRUE, 0, -1);

    public ArrayRules {
        prefix = List.copyOf(prefix);
    }

    public Conj itemAt(int index) {
        return index < prefix.size() ? prefix.get(index) : items;
    }

    public ArrayRules and(ArrayRules o) {
        List<Conj> merged = new ArrayList<>();
        for (int i = 0; i < Math.max(prefix.size(), o.prefix.size()); i++) merged.add(itemAt(i).and(o.itemAt(i)));
        return new ArrayRules(merged, items.and(o.items), Math.max(minItems, o.minItems),
                Bounds.minOfMax(maxItems, o.maxItems));
    }

    public boolean isEmpty() {
        return maxItems >= 0 && minItems > maxItems;
    }
}
