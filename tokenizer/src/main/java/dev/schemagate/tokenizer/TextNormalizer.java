package dev.schemagate.tokenizer;

import java.text.Normalizer;
import java.util.List;

/** The tokenizer's normalizer, limited to the Unicode normalization forms (alone or in a Sequence). */
record TextNormalizer(List<Normalizer.Form> forms) {
    static final TextNormalizer NONE = new TextNormalizer(List.of());

    TextNormalizer {
        forms = List.copyOf(forms);
    }

    String apply(String text) {
        String result = text;
        for (Normalizer.Form form : forms) result = Normalizer.normalize(result, form);
        return result;
    }
}
