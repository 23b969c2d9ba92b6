package dev.schemagate.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.grammar.Expr;
import dev.schemagate.grammar.Grammar;
import dev.schemagate.grammar.check.ReferenceRecognizer;
import dev.schemagate.schemas.instance.PythonJson;
import org.junit.jupiter.api.Test;

/** Keyword by keyword: instances reasoned by hand, accepted or rejected by the compiled grammar. */
class JsonSchemaCompilerTest {
    private static Grammar compile(String schema, JsonSchemaOptions options) {
        try {
            return JsonSchemaCompiler.compile(PythonJson.MAPPER.readTree(schema), options);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void check(String schema, String[] valid, String[] invalid) {
        Grammar g = compile(schema, JsonSchemaOptions.DEFAULT);
        for (String v : valid) assertTrue(ReferenceRecognizer.accepts(g, v), schema + " should accept " + v);
        for (String v : invalid) assertFalse(ReferenceRecognizer.accepts(g, v), schema + " should reject " + v);
    }

    private static String[] ok(String... s) {
        return s;
    }

    private static String[] bad(String... s) {
        return s;
    }

    private static SchemaCompileException refusal(String schema) {
        return assertThrows(SchemaCompileException.class, () -> compile(schema, JsonSchemaOptions.DEFAULT));
    }

    @Test
    void whitespaceBetweenTokensButNotAfterTheRoot() {
        check("{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"integer\"}}}",
                ok("{\"a\": 1}", "{\"a\":1}", " {\n\t\"a\" :\r 1 }", "{}", "{ }"),
                bad("{\"a\": 1} ", "{\"a\": 1}\n", "{\"a\" 1}", "{,}"));
        Grammar compact = compile("{\"type\": \"array\", \"items\": {\"type\": \"integer\"}}", JsonSchemaOptions.COMPACT);
        assertTrue(ReferenceRecognizer.accepts(compact, "[1,2]"));
        assertFalse(ReferenceRecognizer.accepts(compact, "[1, 2]"));
        Grammar bounded = compile("{\"type\": \"array\", \"items\": {\"type\": \"integer\"}}", new JsonSchemaOptions(2));
        assertTrue(ReferenceRecognizer.accepts(bounded, "[1,  2]"));
        assertFalse(ReferenceRecognizer.accepts(bounded, "[1,   2]"));
    }

    @Test
    void closedObjectsKeepOnlyDeclaredKeysWhereTheSchemaIsSilent() {
        String open = "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"integer\"}}}";
        JsonSchemaOptions closed = JsonSchemaOptions.COMPACT.withClosedObjects();
        Grammar g = compile(open, closed);
        assertTrue(ReferenceRecognizer.accepts(g, "{\"a\":1}"));
        assertTrue(ReferenceRecognizer.accepts(g, "{}"));
        assertFalse(ReferenceRecognizer.accepts(g, "{\"a\":1,\"b\":2}"));
        assertTrue(ReferenceRecognizer.accepts(compile(open, JsonSchemaOptions.COMPACT), "{\"a\":1,\"b\":2}"));
        Grammar explicit = compile("{\"properties\": {\"a\": {}}, \"additionalProperties\": {\"type\": \"integer\"}}", closed);
        assertTrue(ReferenceRecognizer.accepts(explicit, "{\"a\":1,\"b\":2}"), "an explicit additionalProperties stands");
        Grammar bare = compile("{\"type\": \"object\"}", closed);
        assertTrue(ReferenceRecognizer.accepts(bare, "{\"b\":2}"), "an object without properties stays open");
        Grammar parts = compile("{\"allOf\": [{\"properties\": {\"a\": {}}}, {\"properties\": {\"b\": {}}}]}", closed);
        assertTrue(ReferenceRecognizer.accepts(parts, "{\"a\":1,\"b\":2}"), "closing allOf parts would shut out each other's keys");
    }

    @Test
    void everyTokenStartsWithWhitespaceThenOneLexeme() {
        Grammar g = compile("{\"type\": \"object\", \"properties\": {\"a\": {\"enum\": [1, \"x\"]}}}", JsonSchemaOptions.DEFAULT);
        for (Expr rule : g.rules().values()) assertTokensHaveWhitespacePrefix(rule);
    }

    private static void assertTokensHaveWhitespacePrefix(Expr e) {
        switch (e) {
            case Expr.Token t -> {
                Expr.Seq body = (Expr.Seq) t.body();
                assertTrue(body.items().getFirst() instanceof Expr.Repeat r && r.max() == Expr.UNBOUNDED, t.toString());
            }
            case Expr.Seq s -> s.items().forEach(JsonSchemaCompilerTest::assertTokensHaveWhitespacePrefix);
            case Expr.Alt a -> a.options().forEach(JsonSchemaCompilerTest::assertTokensHaveWhitespacePrefix);
            case Expr.Repeat r -> assertTokensHaveWhitespacePrefix(r.body());
            default -> { }
        }
    }

    @Test
    void typeKeywordAndIntegers() {
        check("{\"type\": \"integer\"}", ok("1", "-3", "1.0", "1e2"), bad("1.5", "\"1\"", "true", "null"));
        check("{\"type\": [\"string\", \"null\"]}", ok("\"a\"", "null"), bad("1", "[]", "{}"));
        check("{\"type\": \"number\"}", ok("1", "1.5", "-0", "1e-05", "1E+2"), bad("01", "1.", ".5", "+1", "NaN"));
        check("{\"$schema\": \"http://json-schema.org/draft-04/schema#\", \"type\": \"integer\"}", ok("1", "-20"), bad("1.0", "1e2"));
    }

    @Test
    void keywordsBindToTheirType() {
        check("{\"minLength\": 2, \"minimum\": 5, \"maxItems\": 1, \"required\": [\"a\"]}",
                ok("\"ab\"", "7", "[]", "{\"a\": 1}", "true", "null"),
                bad("\"a\"", "3", "[1, 2]", "{}"));
    }

    @Test
    void stringLengthCountsCodePointsAndEscapes() {
        check("{\"type\": \"string\", \"minLength\": 2.0, \"maxLength\": 3}",
                ok("\"ab\"", "\"abc\"", "\"💩💩\"", "\"\\n\\t\"", "\"\\u001fa\"", "\"\\u001Fa\"", "\"a\\/\""),
                bad("\"a\"", "\"💩\"", "\"abcd\"", "\"a\\u0041\"", "\"\\x\""));
        check("{\"type\": \"string\"}", ok("\"say \\\"hi\\\"\"", "\"\\\\\"", "\"\\u001F\"", "\"日本\""),
                bad("\"a\nb\"", "\"\\\"", "\"\\ud83d\\udca9\"", "\"\\u0022\""));
    }

    @Test
    void patternIsUnanchoredAndIntersectsLength() {
        check("{\"type\": \"string\", \"pattern\": \"a+\", \"maxLength\": 4}", ok("\"xxaa\"", "\"a\""), bad("\"xxaay\"", "\"xyz\""));
        check("{\"type\": \"string\", \"pattern\": \"^[a-z]+$\"}", ok("\"abc\""), bad("\"ab1\"", "\"\""));
    }

    @Test
    void numericBounds() {
        check("{\"minimum\": 0.5, \"exclusiveMaximum\": 10}", ok("0.5", "0.50", "9.99", "3"), bad("0.4", "10", "1e1", "-1"));
        check("{\"$schema\": \"http://json-schema.org/draft-04/schema#\", \"minimum\": 2, \"exclusiveMinimum\": true}",
                ok("2.1", "3"), bad("2", "2.0"));
        check("{\"type\": \"number\", \"multipleOf\": 0.01}", ok("0.07", "1", "1.23"), bad("0.075"));
    }

    @Test
    void unsatisfiableRootIsRefused() {
        assertEquals("schema", refusal("{\"type\": \"integer\", \"minimum\": 3, \"maximum\": 2}").keyword());
        check("{\"anyOf\": [{\"type\": \"integer\", \"minimum\": 3, \"maximum\": 2}, {\"type\": \"null\"}]}", ok("null"), bad("2", "3"));
        refusal("false");
        refusal("{\"type\": \"object\", \"required\": [\"a\"], \"properties\": {\"a\": {\"$ref\": \"#\"}}}");
    }

    @Test
    void enumAndConstCompareMathematically() {
        check("{\"enum\": [1, \"a\\\"b\", null, [1, \"x\"], {\"k\": true}]}",
                ok("1", "1.0", "1.000", "\"a\\\"b\"", "null", "[1, \"x\"]", "{\"k\": true}", "[1.0,\"x\"]"),
                bad("2", "\"a\"", "true", "[\"x\", 1]", "{\"k\": 1}", "{}"));
        check("{\"const\": true}", ok("true"), bad("1", "1.0", "false"));
        check("{\"enum\": [1, 2.5, \"x\"], \"type\": \"integer\"}", ok("1"), bad("2.5", "\"x\""));
        check("{\"enum\": [\"ab\", \"abc\", \"b\"], \"pattern\": \"^a\", \"maxLength\": 2}", ok("\"ab\""), bad("\"abc\"", "\"b\""));
        check("{\"const\": {\"a\": 1, \"b\": [{\"c\": true, \"d\": null}]}}",
                ok("{\"a\": 1, \"b\": [{\"c\": true, \"d\": null}]}", "{\"b\": [{\"d\": null, \"c\": true}], \"a\": 1.0}"),
                bad("{\"a\": 1}", "{\"a\": 1, \"b\": [{\"c\": true}]}", "{\"a\": 1, \"a\": 1, \"b\": [{\"c\": true, \"d\": null}]}",
                        "{\"a\": 1, \"b\": [{\"c\": true, \"d\": null}], \"e\": 1}"));
        check("{\"const\": 9007199254740992}", ok("9007199254740992", "9007199254740992.0"), bad("9007199254740991", "9007199254740993"));
    }

    @Test
    void membersInAnyOrderAndExtrasNeverReuseDeclaredNames() {
        String schema = "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"integer\"}, \"b\": {\"type\": \"string\"}},"
                + " \"required\": [\"b\"]}";
        check(schema, ok("{\"b\": \"x\"}", "{\"a\": 1, \"b\": \"x\"}", "{\"b\": \"x\", \"a\": 1}", "{\"b\": \"x\", \"c\": [1]}",
                        "{\"z\": 1, \"b\": \"x\", \"a\": 1, \"y\": 2}"),
                bad("{}", "{\"a\": 1, \"b\": \"x\", \"a\": 2}", "{\"a\": 1}", "{\"a\": \"s\", \"b\": \"x\"}", "{\"b\": \"x\", \"a\": \"x\"}", "{\"b\": \"x\", \"b\": \"y\"}",
                        "{\"a\": 1, \"b\": \"x\", \"a\": \"s\"}", "{\"a\": 1,, \"b\": \"x\"}", "{, \"b\": \"x\"}", "{\"b\": \"x\",}",
                        "{\"b\": \"x\" \"a\": 1}", "{\"b\": \"x\", \"\\u0061\": 1}"));
        check("{\"properties\": {\"a/b\": {\"type\": \"integer\"}}, \"additionalProperties\": false}",
                ok("{\"a/b\": 1}", "{\"a\\/b\": 1}", "{}"), bad("{\"a/b\": \"x\"}", "{\"c\": 1}"));
    }

    @Test
    void requiredMembersExactlyOnceInAnyOrder() {
        check("{\"properties\": {\"a\": {}, \"b\": {}, \"c\": {}}, \"required\": [\"a\", \"b\"], \"additionalProperties\": false}",
                ok("{\"a\": 1, \"b\": 2}", "{\"b\": 2, \"a\": 1}", "{\"c\": 0, \"b\": 2, \"a\": 1}"),
                bad("{\"a\": 1}", "{\"c\": 0, \"b\": 2, \"c\": 3, \"a\": 1}", "{\"b\": 1, \"c\": 2}", "{\"a\": 1, \"b\": 2, \"a\": 1}", "{\"b\": 2, \"b\": 2, \"a\": 1}",
                        "{\"a\": 1, \"b\": 2, \"d\": 3}"));
        String six = "{\"required\": [\"a\", \"b\", \"c\", \"d\", \"e\", \"f\"], \"additionalProperties\": {\"type\": \"integer\"}}";
        check(six, ok("{\"f\": 1, \"e\": 1, \"d\": 1, \"c\": 1, \"b\": 1, \"a\": 1}", "{\"c\": 1, \"x\": 2, \"a\": 1, \"f\": 1, \"b\": 1, \"e\": 1, \"d\": 1}"),
                bad("{\"f\": 1, \"e\": 1, \"d\": 1, \"c\": 1, \"b\": 1}", "{\"f\": 1, \"e\": 1, \"d\": 1, \"c\": 1, \"b\": 1, \"a\": 1, \"a\": 1}",
                        "{\"f\": 1, \"e\": 1, \"d\": 1, \"c\": 1, \"b\": 1, \"a\": \"s\"}"));
    }

    @Test
    void manyRequiredMembersKeepTheirOrderWithOthersBetween() {
        String eight = "{\"properties\": {\"o\": {\"type\": \"string\"}}, \"required\": [\"a\", \"b\", \"c\", \"d\", \"e\", \"f\", \"g\", \"h\"]}";
        String all = "\"a\": 1, \"b\": 1, \"c\": 1, \"d\": 1, \"e\": 1, \"f\": 1, \"g\": 1, \"h\": 1";
        check(eight, ok("{" + all + "}", "{\"o\": \"s\", \"a\": 1, \"x\": 2, \"b\": 1, \"c\": 1, \"d\": 1, \"e\": 1, \"f\": 1, \"g\": 1, \"h\": 1, \"o\": \"t\"}"),
                bad("{\"a\": 1, \"b\": 1, \"c\": 1, \"d\": 1, \"e\": 1, \"f\": 1, \"g\": 1}", "{" + all + ", \"h\": 1}",
                        "{\"a\": 1, \"a\": 1, \"b\": 1, \"c\": 1, \"d\": 1, \"e\": 1, \"f\": 1, \"g\": 1, \"h\": 1}", "{" + all + ", \"o\": 1}"));
        check(eight.replace("}}, ", "}}, \"maxProperties\": 9, "), ok("{" + all + "}", "{" + all + ", \"o\": \"s\"}"),
                bad("{" + all + ", \"o\": \"s\", \"x\": 1}", "{\"x\": 1, \"o\": \"s\", " + all + "}"));
    }

    @Test
    void keyTokensDoNotMultiplyWithRequiredStates() {
        String props = "\"properties\": {\"a\": {}, \"b\": {}, \"c\": {}, \"d\": {}, \"e\": {}, \"f\": {}, \"g\": {}}";
        Grammar required = compile("{" + props + ", \"required\": [\"a\", \"b\", \"c\", \"d\", \"e\", \"f\"]}", JsonSchemaOptions.DEFAULT);
        Grammar optional = compile("{" + props + "}", JsonSchemaOptions.DEFAULT);
        assertEquals(tokens(optional), tokens(required));
        assertTrue(required.rules().size() <= 64 + optional.rules().size(), "one rule per subset of required keys");
    }

    private static java.util.Set<Expr> tokens(Grammar g) {
        java.util.Set<Expr> out = new java.util.HashSet<>();
        g.rules().values().forEach(r -> collectTokens(r, out));
        return out;
    }

    private static void collectTokens(Expr e, java.util.Set<Expr> out) {
        switch (e) {
            case Expr.Token t -> out.add(t);
            case Expr.Seq s -> s.items().forEach(i -> collectTokens(i, out));
            case Expr.Alt a -> a.options().forEach(o -> collectTokens(o, out));
            case Expr.Repeat r -> collectTokens(r.body(), out);
            default -> { }
        }
    }

    @Test
    void requiredNamesOutsidePropertiesUseAdditionalProperties() {
        check("{\"properties\": {\"a\": {}}, \"required\": [\"x\"], \"additionalProperties\": {\"type\": \"integer\"}}",
                ok("{\"x\": 1}", "{\"a\": \"s\", \"x\": 2}", "{\"x\": 1, \"y\": 2}"), bad("{\"x\": \"s\"}", "{}", "{\"x\": 1, \"y\": \"s\"}"));
        refusal("{\"type\": \"object\", \"properties\": {\"a\": {}}, \"required\": [\"x\"], \"additionalProperties\": false}");
    }

    @Test
    void patternPropertiesAndPropertyNames() {
        check("{\"properties\": {\"foo\": {\"type\": \"integer\"}}, \"patternProperties\": {\"^f\": {\"minimum\": 5}},"
                        + " \"additionalProperties\": false}",
                ok("{\"foo\": 5}", "{\"fa\": 7}", "{\"foo\": 6, \"fb\": 9}"),
                bad("{\"foo\": 1}", "{\"fa\": 1}", "{\"x\": 7}", "{\"foo\": 5.5}"));
        check("{\"propertyNames\": {\"maxLength\": 2}}", ok("{\"ab\": 1}", "{}", "1"), bad("{\"abc\": 1}"));
        check("{\"propertyNames\": {\"enum\": [\"a\", \"b\"]}, \"properties\": {\"c\": {}}}", ok("{\"a\": 1, \"b\": 2}"), bad("{\"c\": 1}", "{\"d\": 1}"));
    }

    @Test
    void propertyCounts() {
        String schema = "{\"properties\": {\"a\": {}, \"b\": {}}, \"minProperties\": 1, \"maxProperties\": 2}";
        check(schema, ok("{\"a\": 1}", "{\"b\": 1}", "{\"a\": 1, \"b\": 2}", "{\"x\": 1}", "{\"a\": 1, \"x\": 2}"),
                bad("{}", "{\"a\": 1, \"b\": 2, \"c\": 3}", "{\"x\": 1, \"y\": 2, \"z\": 3}"));
        String counted = "{\"properties\": {\"a\": {}, \"b\": {}}, \"required\": [\"a\"], \"minProperties\": 2, \"maxProperties\": 3}";
        check(counted, ok("{\"a\": 1, \"b\": 2}", "{\"b\": 2, \"a\": 1}", "{\"x\": 1, \"a\": 1}", "{\"b\": 1, \"x\": 2, \"a\": 3}"),
                bad("{\"a\": 1}", "{\"b\": 1, \"b\": 2, \"a\": 3}", "{\"b\": 1, \"x\": 2}", "{\"a\": 1, \"b\": 1, \"c\": 1, \"d\": 1}", "{\"b\": 1, \"b\": 2, \"b\": 3, \"a\": 1}"));
    }

    @Test
    void arrays() {
        check("{\"items\": {\"type\": \"integer\"}, \"minItems\": 1, \"maxItems\": 3}",
                ok("[1]", "[1, 2, 3]", "[ 1 ,2 ]"), bad("[]", "[1, 2, 3, 4]", "[1, \"a\"]", "[1,]", "[,1]"));
        check("{\"prefixItems\": [{\"type\": \"string\"}, {\"type\": \"integer\"}], \"items\": false}",
                ok("[]", "[\"a\"]", "[\"a\", 1]"), bad("[1]", "[\"a\", 1, 2]"));
        check("{\"$schema\": \"http://json-schema.org/draft-07/schema#\", \"items\": [{\"type\": \"string\"}],"
                + " \"additionalItems\": {\"type\": \"boolean\"}}", ok("[\"a\", true, false]", "[]"), bad("[\"a\", 1]", "[true]"));
        check("{\"type\": \"array\", \"items\": {\"type\": \"array\", \"items\": {\"type\": \"null\"}}}",
                ok("[[null], [], [null, null]]"), bad("[[1]]", "[null]"));
    }

    @Test
    void refsAnchorsAndRecursion() {
        String tree = "{\"$defs\": {\"node\": {\"type\": \"object\", \"properties\": {\"v\": {\"type\": \"integer\"},"
                + " \"kids\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/$defs/node\"}}}, \"additionalProperties\": false}},"
                + " \"$ref\": \"#/$defs/node\"}";
        check(tree, ok("{\"v\": 1, \"kids\": [{\"v\": 2, \"kids\": []}, {}]}"), bad("{\"v\": 1, \"kids\": [{\"v\": \"x\"}]}"));
        check("{\"definitions\": {\"a~b/c%d\": {\"type\": \"integer\"}}, \"properties\": {\"x\": {\"$ref\": \"#/definitions/a~0b~1c%25d\"}}}",
                ok("{\"x\": 1}"), bad("{\"x\": \"s\"}"));
        check("{\"$defs\": {\"s\": {\"$anchor\": \"str\", \"type\": \"string\"}}, \"items\": {\"$ref\": \"#str\"}}",
                ok("[\"a\"]"), bad("[1]"));
        check("{\"$schema\": \"http://json-schema.org/draft-07/schema#\", \"definitions\": {\"i\": {\"type\": \"integer\"}},"
                + " \"properties\": {\"x\": {\"$ref\": \"#/definitions/i\", \"minimum\": 5}}}", ok("{\"x\": 1}"), bad("{\"x\": 1.5}"));
        check("{\"$defs\": {\"i\": {\"type\": \"integer\"}}, \"properties\": {\"x\": {\"$ref\": \"#/$defs/i\", \"minimum\": 5}}}",
                ok("{\"x\": 6}"), bad("{\"x\": 1}"));
        assertEquals("$ref", refusal("{\"$ref\": \"http://example.com/other.json\"}").keyword());
    }

    @Test
    void combinators() {
        check("{\"anyOf\": [{\"type\": \"string\"}, {\"type\": \"integer\", \"minimum\": 3}], \"maxLength\": 2}",
                ok("\"ab\"", "4"), bad("\"abc\"", "2", "null"));
        check("{\"allOf\": [{\"properties\": {\"a\": {\"type\": \"integer\"}}, \"required\": [\"a\"]},"
                + " {\"properties\": {\"a\": {\"minimum\": 2}, \"b\": {\"type\": \"string\"}}}]}",
                ok("{\"a\": 2}", "{\"a\": 3, \"b\": \"x\"}"), bad("{\"a\": 1}", "{\"a\": 3, \"b\": 1}", "{}"));
        check("{\"oneOf\": [{\"type\": \"string\"}, {\"type\": \"null\"}]}", ok("\"x\"", "null"), bad("1"));
        check("{\"type\": \"object\", \"oneOf\": [{\"properties\": {\"k\": {\"const\": \"a\"}, \"x\": {\"type\": \"integer\"}}, \"required\": [\"k\"]},"
                + " {\"properties\": {\"k\": {\"const\": \"b\"}}, \"required\": [\"k\"]}]}",
                ok("{\"k\": \"a\", \"x\": 1}", "{\"k\": \"b\", \"x\": \"s\"}"), bad("{\"k\": \"a\", \"x\": \"s\"}", "{\"k\": \"c\"}"));
        assertEquals("oneOf", refusal("{\"oneOf\": [{\"type\": \"integer\"}, {\"minimum\": 2}]}").keyword());
        check("{\"not\": {\"type\": \"string\"}}", ok("1", "null", "{}"), bad("\"a\""));
        check("{\"type\": \"string\", \"not\": {\"enum\": [\"a\", \"b\"]}}", ok("\"c\"", "\"ab\""), bad("\"a\"", "\"b\""));
        check("{\"type\": \"object\", \"not\": {\"required\": [\"x\"]}}", ok("{}", "{\"y\": 1}"), bad("{\"x\": 1}"));
        assertEquals("not", refusal("{\"not\": {\"minimum\": 3}}").keyword());
    }

    @Test
    void booleanSchemasAndNullable() {
        check("true", ok("1", "\"s\"", "{\"a\": [null]}"), bad("", "nul"));
        check("{\"properties\": {\"a\": false}}", ok("{}", "{\"b\": 1}"), bad("{\"a\": 1}"));
        check("{\"type\": \"string\", \"nullable\": true}", ok("\"a\"", "null"), bad("1"));
    }

    @Test
    void refusesWhatItCannotEnforceNamingTheKeyword() {
        assertEquals("uniqueItems", refusal("{\"uniqueItems\": true}").keyword());
        assertEquals("contains", refusal("{\"contains\": {\"type\": \"integer\"}}").keyword());
        assertEquals("if", refusal("{\"if\": {}, \"then\": {}}").keyword());
        assertEquals("dependentRequired", refusal("{\"dependentRequired\": {\"a\": [\"b\"]}}").keyword());
        assertEquals("$dynamicRef", refusal("{\"$dynamicRef\": \"#x\"}").keyword());
        SchemaCompileException e = refusal("{\"properties\": {\"a\": {\"dependencies\": {\"x\": [\"y\"]}}}}");
        assertEquals("dependencies", e.keyword());
        assertEquals("/properties/a", e.pointer());
        assertEquals("maxItems", refusal("{\"maxItems\": 100000}").keyword());
    }

    @Test
    void integerMultipleOfAReciprocalAlwaysHolds() {
        check("{\"type\": \"integer\", \"multipleOf\": 0.5}", ok("1e308", "3", "-7", "2.0"), bad("1.5", "0.5"));
        check("{\"type\": \"integer\", \"multipleOf\": 0.4}", ok("2", "-4"), bad("1", "3"));
        check("{\"type\": \"number\", \"multipleOf\": 0.5}", ok("1.5", "2"), bad("1.25"));
    }

    @Test
    void onlyKnownMetaSchemasAreRead() {
        assertEquals("$schema", refusal("{\"$schema\": \"http://localhost:1234/draft2020-12/metaschema-no-validation.json\","
                + " \"type\": \"number\"}").keyword());
        assertEquals("$schema", refusal("{\"$schema\": \"http://json-schema.org/draft-03/schema#\"}").keyword());
        assertEquals("$schema", refusal("{\"$vocabulary\": {\"https://json-schema.org/draft/2020-12/vocab/core\": true}}").keyword());
        check("{\"$schema\": \"http://json-schema.org/draft-04/schema\", \"type\": \"integer\"}", ok("1"), bad("1.0"));
        check("{\"$schema\": \"https://json-schema.org/draft/2019-09/schema#\", \"type\": \"integer\"}", ok("1", "1.0"), bad("1.5"));
    }

    @Test
    void annotationsAndUnknownKeywordsAreIgnored() {
        check("{\"title\": \"t\", \"description\": \"d\", \"default\": 3, \"examples\": [1], \"x-custom\": {\"type\": \"string\"},"
                + " \"format\": \"x-unknown\", \"type\": \"string\"}", ok("\"any\""), bad("1"));
    }
}
