package dev.schemagate.decoder.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected strings are what CPython 3's json.dumps and repr(float) print for the same values. */
class PythonJsonTest {
    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return map;
    }

    @Test
    void dumpsLikePythonWithEnsureAsciiOff() {
        Object value = map("a", 1L, "b", List.of(1.5, 1e-05, 1e16, 100.0, 0.1, -0.0), "c", null, "d", true,
                "e", "q\"\\\n\u0001é\u2028");
        assertEquals("{\"a\": 1, \"b\": [1.5, 1e-05, 1e+16, 100.0, 0.1, -0.0], \"c\": null, \"d\": true, "
                + "\"e\": \"q\\\"\\\\\\n\\u0001é\u2028\"}", PythonJson.dumps(value, null, false, false));
    }

    @Test
    void indentSortKeysAndEnsureAscii() {
        assertEquals("{\n  \"a\": [\n    1,\n    {}\n  ],\n  \"b\": []\n}",
                PythonJson.dumps(map("a", List.of(1, Map.of()), "b", List.of()), "  ", false, false));
        assertEquals("{\"a\": 2, \"b\": 1}", PythonJson.dumps(map("b", 1, "a", 2), null, true, false));
        assertEquals("\"\\u00e9\\ud83d\\ude00\"", PythonJson.dumps("é😀", null, false, true));
        assertEquals("[null, \"x\"]", PythonJson.dumps(Arrays.asList(null, "x"), null, false, false));
    }

    @Test
    void floatsSpellLikeRepr() {
        assertEquals("1.2345678901234568e+17", PythonJson.pythonFloat(1.2345678901234568e17));
        assertEquals("1e+22", PythonJson.pythonFloat(1e22));
        assertEquals("1000000000000000.0", PythonJson.pythonFloat(1e15));
        assertEquals("0.0001", PythonJson.pythonFloat(0.0001));
        assertEquals("1234.5", PythonJson.pythonFloat(1234.5));
        assertEquals("5e-324", PythonJson.pythonFloat(Double.MIN_VALUE));
        assertEquals("1.7976931348623157e+308", PythonJson.pythonFloat(Double.MAX_VALUE));
        assertEquals("-2.5e-07", PythonJson.pythonFloat(-2.5e-7));
        assertEquals("NaN", PythonJson.pythonFloat(Double.NaN));
    }

    @Test
    void filterTakesKeywordArgumentsInTemplates() {
        ChatTemplate template = new ChatTemplate("{{ {'b': [1, 2]} | tojson(indent=2) }}|{{ {'b': 1, 'a': 2} | tojson(sort_keys=true) }}", "", "");
        assertEquals("{\n  \"b\": [\n    1,\n    2\n  ]\n}|{\"a\": 2, \"b\": 1}", template.render(List.of(), false));
    }
}
