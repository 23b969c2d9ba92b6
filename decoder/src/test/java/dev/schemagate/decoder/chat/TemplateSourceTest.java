package dev.schemagate.decoder.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class TemplateSourceTest {
    @Test
    void keywordArgumentValuesAreParenthesised() {
        assertEquals("{%- set ns = namespace(a=(true), n=(messages|length - 1)) %}",
                TemplateSource.rewrite("{%- set ns = namespace(a=true, n=messages|length - 1) %}"));
        assertEquals("{{ f(g(k=(1)), j =( 2)) }}", TemplateSource.rewrite("{{ f(g(k=1), j = 2) }}"));
        assertEquals("{{ x|tojson(indent=(4)) }}", TemplateSource.rewrite("{{ x|tojson(indent=4) }}"));
    }

    @Test
    void reversedSlicesBecomeTheReverseFilter() {
        assertEquals("{% for m in messages|reverse %}", TemplateSource.rewrite("{% for m in messages[::-1] %}"));
    }

    @Test
    void leavesEverythingElseAlone() {
        for (String unchanged : new String[] {"{{ x == 1 and f(y) }}", "{{ '[::-1]' ~ \"a=(b)\" }}", "text a=b(c=d) [::-1]",
                "{% macro f(a, b=2) %}{{ a }}{% endmacro %}", "{# f(k=1) #}", "{% if (a) and not (b) %}{% endif %}",
                "{{ {'a': {'b': 1}} }}", "{% set x = y %}"}) {
            assertEquals(unchanged, TemplateSource.rewrite(unchanged));
        }
    }

    @Test
    void strftimeDirectives() {
        ZonedDateTime time = ZonedDateTime.of(2024, 7, 6, 15, 4, 5, 0, ZoneOffset.UTC);
        // Python: datetime(2024, 7, 6, 15, 4, 5).strftime(...)
        assertEquals("06 Jul 2024", Strftime.format("%d %b %Y", time));
        assertEquals("Saturday, July 6 2024 03:04:05 PM", Strftime.format("%A, %B %-d %Y %I:%M:%S %p", time));
        assertEquals("2024-07-06T15:04:05 188 24 100%", Strftime.format("%FT%T %j %y 100%%", time));
    }
}
