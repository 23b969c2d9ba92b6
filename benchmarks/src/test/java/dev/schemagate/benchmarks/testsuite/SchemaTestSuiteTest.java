package dev.schemagate.benchmarks.testsuite;

import dev.schemagate.benchmarks.SharedAssets;
import dev.schemagate.fsm.MaskEngine;
import dev.schemagate.schemas.JsonSchemaOptions;
import dev.schemagate.tokenizer.BpeTokenizer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchemaTestSuiteTest {

    @Test
    void noTestSuiteCaseComesOutWrong() throws Exception {
        BpeTokenizer tokenizer = BpeTokenizer.load(SharedAssets.llama3Tokenizer());
        MaskEngine engine = new MaskEngine(tokenizer.vocabulary());
        SuiteResult result = new SchemaTestSuite(engine, tokenizer, JsonSchemaOptions.DEFAULT)
                .run(SharedAssets.shared().resolve("json-schema-test-suite"));

        for (FileCounts c : result.files()) {
            System.out.printf("%-55s pass %4d  refuse %4d  fail %4d  skip %4d%n", c.file(), c.pass(), c.refuse(), c.fail(), c.skip());
        }
        FileCounts total = result.total();
        System.out.printf("total: pass %d, refuse %d, fail %d, skip %d%n", total.pass(), total.refuse(), total.fail(), total.skip());
        result.failures().forEach(System.out::println);

        // Draft 7 and 2020-12 hold 1,721 and 2,225 cases: every one must be counted exactly once.
        assertEquals(1721 + 2225, total.total());
        assertTrue(total.pass() > 0, "nothing passed");
        assertEquals(0, total.fail(), total.fail() + " cases came out wrong (listed above)");
    }
}
