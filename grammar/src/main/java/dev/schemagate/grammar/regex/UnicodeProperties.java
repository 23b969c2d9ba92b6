package dev.schemagate.grammar.regex;

import dev.schemagate.grammar.CodePointSet;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * Code point sets for ECMA-262 {@code \p{...}}: General_Category values (short, long and alias names),
 * Script values, and the binary properties java.lang.Character can answer exactly. Built from the JDK's
 * Unicode tables on first use and cached.
 */
final class UnicodeProperties {
    private UnicodeProperties() {}

    private static final Map<String, String> CATEGORY_ALIASES = aliases(
            "L Letter", "LC Cased_Letter", "Lu Uppercase_Letter", "Ll Lowercase_Letter", "Lt Titlecase_Letter",
            "Lm Modifier_Letter", "Lo Other_Letter", "M Mark Combining_Mark", "Mn Nonspacing_Mark",
            "Mc Spacing_Mark", "Me Enclosing_Mark", "N Number", "Nd Decimal_Number digit", "Nl Letter_Number",
            "No Other_Number", "P Punctuation punct", "Pc Connector_Punctuation", "Pd Dash_Punctuation",
            "Ps Open_Punctuation", "Pe Close_Punctuation", "Pi Initial_Punctuation", "Pf Final_Punctuation",
            "Po Other_Punctuation", "S Symbol", "Sm Math_Symbol", "Sc Currency_Symbol", "Sk Modifier_Symbol",
            "So Other_Symbol", "Z Separator", "Zs Space_Separator", "Zl Line_Separator",
            "Zp Paragraph_Separator", "C Other", "Cc Control cntrl", "Cf Format", "Cs Surrogate",
            "Co Private_Use", "Cn Unassigned");

    /** Short category name to the java.lang.Character type constants it covers. */
    private static final Map<String, Byte> CATEGORY_TYPES = Map.ofEntries(
            Map.entry("Lu", Character.UPPERCASE_LETTER),
            Map.entry("Ll", Character.LOWERCASE_LETTER),
            Map.entry("Lt", Character.TITLECASE_LETTER),
            Map.entry("Lm", Character.MODIFIER_LETTER),
            Map.entry("Lo", Character.OTHER_LETTER),
            Map.entry("Mn", Character.NON_SPACING_MARK),
            Map.entry("Mc", Character.COMBINING_SPACING_MARK),
            Map.entry("Me", Character.ENCLOSING_MARK),
            Map.entry("Nd", Character.DECIMAL_DIGIT_NUMBER),
            Map.entry("Nl", Character.LETTER_NUMBER),
            Map.entry("No", Character.OTHER_NUMBER),
            Map.entry("Pc", Character.CONNECTOR_PUNCTUATION),
            Map.entry("Pd", Character.DASH_PUNCTUATION),
            Map.entry("Ps", Character.START_PUNCTUATION),
            Map.entry("Pe", Character.END_PUNCTUATION),
            Map.entry("Pi", Character.INITIAL_QUOTE_PUNCTUATION),
            Map.entry("Pf", Character.FINAL_QUOTE_PUNCTUATION),
            Map.entry("Po", Character.OTHER_PUNCTUATION),
            Map.entry("Sm", Character.MATH_SYMBOL),
            Map.entry("Sc", Character.CURRENCY_SYMBOL),
            Map.entry("Sk", Character.MODIFIER_SYMBOL),
            Map.entry("So", Character.OTHER_SYMBOL),
            Map.entry("Zs", Character.SPACE_SEPARATOR),
            Map.entry("Zl", Character.LINE_SEPARATOR),
            Map.entry("Zp", Character.PARAGRAPH_SEPARATOR),
            Map.entry("Cc", Character.CONTROL),
            Map.entry("Cf", Character.FORMAT),
            Map.entry("Cs", Character.SURROGATE),
            Map.entry("Co", Character.PRIVATE_USE),
            Map.entry("Cn", Character.UNASSIGNED));

    private static final Map<String, IntPredicate> BINARY = Map.of(
            "Alphabetic", Character::isAlphabetic,
            "Lowercase", Character::isLowerCase,
            "Uppercase", Character::isUpperCase,
            "Ideographic", Character::isIdeographic,
            "Emoji", Character::isEmoji,
            "Emoji_Presentation", Character::isEmojiPresentation,
            "Emoji_Modifier", Character::isEmojiModifier,
            "Emoji_Modifier_Base", Character::isEmojiModifierBase,
            "Emoji_Component", Character::isEmojiComponent,
            "Extended_Pictographic", Character::isExtendedPictographic);

    private static final Map<String, CodePointSet> BINARY_CACHE = new HashMap<>();

    /** The set for {@code \p{name}} or {@code \p{name=value}} ({@code value} null), if supported. */
    static synchronized Optional<CodePointSet> lookup(String name, String value) {
        if (value == null) {
            return switch (name) {
                case "Any" -> Optional.of(CodePointSet.ALL);
                case "ASCII" -> Optional.of(CodePointSet.range(0, 0x7F));
                case "Assigned" -> category("Cn").map(CodePointSet::complement);
                default -> BINARY.containsKey(name)
                        ? Optional.of(BINARY_CACHE.computeIfAbsent(name, n -> collect(BINARY.get(n))))
                        : category(name);
            };
        }
        return switch (name) {
            case "General_Category", "gc" -> category(value);
            case "Script", "sc" -> script(value);
            default -> Optional.empty();
        };
    }

    private static Optional<CodePointSet> category(String name) {
        String shortName = CATEGORY_ALIASES.get(name);
        if (shortName == null) return Optional.empty();
        CodePointSet out = CodePointSet.NONE;
        for (var e : CATEGORY_TYPES.entrySet()) {
            boolean member = shortName.equals("LC")
                    ? e.getKey().equals("Lu") || e.getKey().equals("Ll") || e.getKey().equals("Lt")
                    : e.getKey().startsWith(shortName);
            if (member) out = out.union(Tables.BY_TYPE[e.getValue()]);
        }
        return Optional.of(out);
    }

    private static Optional<CodePointSet> script(String name) {
        try {
            return Optional.of(Tables.BY_SCRIPT.get(Character.UnicodeScript.forName(name)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    private static Map<String, String> aliases(String... rows) {
        Map<String, String> out = new HashMap<>();
        for (String row : rows) {
            String[] names = row.split(" ");
            for (String n : names) out.put(n, names[0]);
        }
        return out;
    }

    private static CodePointSet collect(IntPredicate p) {
        List<Integer> pairs = new ArrayList<>();
        for (int cp = 0; cp <= CodePointSet.MAX; cp++) {
            if (!p.test(cp)) continue;
            int lo = cp;
            while (cp < CodePointSet.MAX && p.test(cp + 1)) cp++;
            pairs.add(lo);
            pairs.add(cp);
        }
        return CodePointSet.ofRanges(pairs.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Per-category and per-script sets, computed in one pass over all code points on first use. */
    private static final class Tables {
        static final CodePointSet[] BY_TYPE = new CodePointSet[32];
        static final Map<Character.UnicodeScript, CodePointSet> BY_SCRIPT =
                new EnumMap<>(Character.UnicodeScript.class);

        static {
            Map<Integer, List<Integer>> typeRanges = new HashMap<>();
            Map<Character.UnicodeScript, List<Integer>> scriptRanges = new EnumMap<>(Character.UnicodeScript.class);
            for (int cp = 0; cp <= CodePointSet.MAX; cp++) {
                extend(typeRanges.computeIfAbsent(Character.getType(cp), t -> new ArrayList<>()), cp);
                extend(scriptRanges.computeIfAbsent(Character.UnicodeScript.of(cp), s -> new ArrayList<>()), cp);
            }
            for (int t = 0; t < BY_TYPE.length; t++) BY_TYPE[t] = toSet(typeRanges.getOrDefault(t, List.of()));
            for (Character.UnicodeScript s : Character.UnicodeScript.values()) {
                BY_SCRIPT.put(s, toSet(scriptRanges.getOrDefault(s, List.of())));
            }
        }

        private static void extend(List<Integer> pairs, int cp) {
            if (!pairs.isEmpty() && pairs.getLast() == cp - 1) pairs.set(pairs.size() - 1, cp);
            else {
                pairs.add(cp);
                pairs.add(cp);
            }
        }

        private static CodePointSet toSet(List<Integer> pairs) {
            return CodePointSet.ofRanges(pairs.stream().mapToInt(Integer::intValue).toArray());
        }
    }
}
