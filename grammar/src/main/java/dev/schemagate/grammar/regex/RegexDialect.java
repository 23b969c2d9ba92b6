package dev.schemagate.grammar.regex;

/**
 * How a pattern is read. {@link #ECMA} is ECMA-262 as JSON Schema's {@code pattern} uses it. {@link #PYTHON}
 * adds the Python/PCRE spellings users send as {@code guided_regex} or write in Lark: {@code (?P<name>...)},
 * {@code (?'name'...)}, {@code (?#...)}, {@code \A \Z \z}, {@code {,n}}, {@code \x{...} \U........ \N{...}}, octal
 * {@code \0..}, {@code \a \e}, POSIX classes {@code [[:alpha:]]}; there {@code .} excludes only {@code \n}.
 * {@code \d \w \s} keep their ASCII (ECMA) meaning in both. {@code dotAll} makes {@code .} match every
 * character; {@code ignoreCase} closes every character and class under simple case mapping.
 */
public record RegexDialect(boolean python, boolean dotAll, boolean ignoreCase) {
    public static final RegexDialect ECMA = new RegexDialect(false, false, false);
    public static final RegexDialect PYTHON = new RegexDialect(true, false, false);

    public RegexDialect withDotAll() {
        return new RegexDialect(python, true, ignoreCase);
    }

    public RegexDialect withIgnoreCase() {
        return new RegexDialect(python, dotAll, true);
    }
}
