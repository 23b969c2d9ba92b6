package dev.schemagate.fsm.frontends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemagate.fsm.CompiledConstraint;
import dev.schemagate.grammar.Grammar;
import dev.schemagate.grammar.check.ReferenceRecognizer;
import dev.schemagate.grammar.gbnf.GbnfCompiler;
import dev.schemagate.schemas.instance.PythonJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * llama.cpp's example grammars (fetched by scripts/fetch-gbnf-examples.sh into the cache's gbnf/ folder)
 * with sample inputs, token by token through the mask engine (Llama-3): accepted and rejected as llama.cpp's
 * code-point-level semantics says, which the reference recognizer computes independently of lexemes.
 */
class LlamaCppGrammarsTest {
    record Samples(List<String> accept, List<String> reject) {}

    static final Map<String, Samples> SAMPLES = Map.of(
            "arithmetic", new Samples(
                    List.of("1+2= 3\n", "x = 42\n", "(a+b)*c = d\n1=1\n", "foo_1 *( 2+3 )= 5\n"),
                    List.of("1+2=3", "=3\n", "1++2=3\n", "A=1\n", "1 2=3\n")),
            "c", new Samples(
                    List.of("int add(int a){int b = a+1;return b;}",
                            "float f(){while(x<10){x = x+1;}if(x==10){return x;}else{return 0;}}",
                            "char g(){// a comment\n/* and * another */for(i = 0; i<3; i = i+1){h (i);}}"),
                    List.of("int main() {}", "int main(){x=1;}", "void f(){}", "int f(){return 0}")),
            "chess", new Samples(
                    List.of("1. e4 e5\n2. Nf3 Nc6\n", "1. d4 d5\n2. c4 dxc4\n3. e8=Q+ O-O-O\n12. Qxf7# Kh8\n"),
                    List.of("1. e4 e5\n", "1. e9 e5\n2. d4 d5\n", "1. e4 e5\n2. Zf3 Nc6\n", "1. e4 e5\n2. Nf3 Nc6")),
            "list", new Samples(
                    List.of("- milk\n- eggs\n", "- one item with spaces\n"),
                    List.of("- \n", "milk\n", "- a\r\n", "- a")),
            "english", new Samples(
                    List.of("Hello, world! 42.", "one\ttwo\nthree", "a"),
                    List.of("héllo", "a  b", "a ", "")),
            "japanese", new Samples(
                    List.of("こんにちは、世界", "カタカナ ひらがな"),
                    List.of("hello", "こんにちは ", "")),
            "json", new Samples(
                    List.of("{\"a\": [1, 2.5, -3e4, true, null], \"b\": {\"c\": \"d\\n\"}}", "{}", "{ \"k\" : \"é\" }\n"),
                    List.of("[1, 2]", "{\"a\": 1,}", "{\"a\": 01}", "{'a': 1}", "{\"a\": 1} x")),
            "json_arr", new Samples(
                    List.of("[\n1,\n{\"a\": \"b\"},\n[true]]", "[\n]"),
                    List.of("[1, 2]", "[\n1,\n2] ", "{}")));

    static Path folder() {
        Path dir = Path.of(System.getProperty("schemagate.cache", ""), "gbnf");
        assumeTrue(Files.isRegularFile(dir.resolve("json.gbnf")),
                "llama.cpp example grammars not fetched: run scripts/fetch-gbnf-examples.sh (skipping)");
        return dir;
    }

    static Grammar load(String name) throws IOException {
        return GbnfCompiler.compile(Files.readString(folder().resolve(name + ".gbnf")));
    }

    @Test
    void everyExampleGrammarAcceptsAndRejectsItsSamples() throws IOException {
        for (var e : SAMPLES.entrySet()) {
            Grammar g = load(e.getKey());
            CompiledConstraint c = Llama3.ENGINE.compile(g);
            for (String s : e.getValue().accept) {
                assertTrue(ReferenceRecognizer.accepts(g, s), () -> e.getKey() + ": the sample is not in the language: " + Llama3.show(s));
                assertTrue(Llama3.accepts(c, s), () -> e.getKey() + " should accept " + Llama3.show(s));
            }
            for (String s : e.getValue().reject) {
                assertFalse(ReferenceRecognizer.accepts(g, s), () -> e.getKey() + ": the sample is in the language: " + Llama3.show(s));
                assertFalse(Llama3.accepts(c, s), () -> e.getKey() + " should reject " + Llama3.show(s));
            }
        }
    }

    /** json.gbnf on real JSON (MaskBench instances, valid and invalid for their schemas; all are JSON). */
    @Test
    void jsonGrammarAgreesWithTheRecognizerOnMaskBenchInstances() throws IOException {
        Grammar g = load("json");
        CompiledConstraint c = Llama3.ENGINE.compile(g);
        Path data = Path.of(System.getProperty("schemagate.shared", ""), "maskbench", "data");
        assumeTrue(Files.isDirectory(data), "shared MaskBench data not available (skipping)");
        List<Path> files;
        try (Stream<Path> s = Files.list(data)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        int checked = 0, accepted = 0;
        for (int i = 0; i < files.size() && checked < 150; i += Math.max(1, files.size() / 60)) {
            JsonNode doc = PythonJson.MAPPER.readTree(files.get(i).toFile());
            for (JsonNode test : doc.path("tests")) {
                String text = PythonJson.dumps(test.get("data"));
                if (text.length() > 3000) continue;
                boolean expected = ReferenceRecognizer.accepts(g, text);
                assertEquals(expected, Llama3.accepts(c, text), () -> "json.gbnf on " + Llama3.show(text));
                checked++;
                if (expected) accepted++;
            }
        }
        assertTrue(checked >= 100 && accepted > checked / 2, checked + " instances checked, " + accepted + " accepted");
    }
}
