package dev.schemagate.schemas.shape;

import dev.schemagate.grammar.Expr;
import dev.schemagate.grammar.check.ReferenceRecognizer;
import dev.schemagate.schemas.document.Conj;

/** One {@code patternProperties} entry: the regex source, its language over code points, and the schema. */
public record PatternRule(String source, Expr language, Conj schema) {
    public boolean matches(String key) {
        return ReferenceRecognizer.matches(language, key);
    }
}
