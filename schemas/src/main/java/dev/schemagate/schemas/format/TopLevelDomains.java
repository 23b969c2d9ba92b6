package dev.schemagate.schemas.format;

import com.networknt.org.apache.commons.validator.routines.DomainValidator;
import com.networknt.org.apache.commons.validator.routines.DomainValidator.ArrayType;
import dev.schemagate.grammar.CodePointSet;
import dev.schemagate.grammar.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The top-level domains networknt's e-mail check knows (its copy of Apache Commons' IANA list), as one
 * case-insensitive language. Taken from the validator itself so that the two cannot drift apart; spelled as a
 * trie (shared prefixes once) so that a lexer state after a few letters holds few alternatives.
 */
final class TopLevelDomains {
    static final Expr KNOWN = trie(known());

    private TopLevelDomains() {}

    private static TreeSet<String> known() {
        DomainValidator validator = DomainValidator.getInstance(true);
        TreeSet<String> names = new TreeSet<>();
        for (ArrayType list : List.of(ArrayType.INFRASTRUCTURE_RO, ArrayType.GENERIC_RO, ArrayType.COUNTRY_CODE_RO, ArrayType.LOCAL_RO)) {
            for (String name : DomainValidator.getTLDEntries(list)) {
                String lower = name.toLowerCase(Locale.ROOT);
                // The lists are ASCII (IDN names in their xn-- form); keep only what the validator says yes to.
                if (lower.chars().allMatch(c -> c < 0x80) && validator.isValidTld(lower)) names.add(lower);
            }
        }
        if (names.isEmpty()) throw new IllegalStateException("networknt's domain validator lists no top-level domains");
        return names;
    }

    /** The words as a trie of case-insensitive letters: each node is its children's alternation. */
    private static Expr trie(TreeSet<String> words) {
        Map<Character, TreeSet<String>> byFirst = new TreeMap<>();
        boolean ends = false;
        for (String w : words) {
            if (w.isEmpty()) {
                ends = true;
                continue;
            }
            byFirst.computeIfAbsent(w.charAt(0), c -> new TreeSet<>()).add(w.substring(1));
        }
        List<Expr> options = new ArrayList<>();
        byFirst.forEach((c, rests) -> options.add(Expr.seq(letter(c), trie(rests))));
        if (ends) options.add(Expr.empty());
        return Expr.alt(options);
    }

    private static Expr letter(char c) {
        return Expr.cls(Character.isLetter(c) ? CodePointSet.chars("" + c + Character.toUpperCase(c)) : CodePointSet.of(c));
    }
}
