package dev.schemagate.schemas.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected strings were produced by hand from Python 3 semantics of json.dumps / repr(float). */
class PythonJsonTest {
    private static String roundTrip(String json) throws Exception {
        return PythonJson.dumps(PythonJson.MAPPER.readTree(json));
    }

    @Test
    void separatorsAndKeyOrder() throws Exception {
        assertEquals("{\"b\": 1, \"a\": [true, false, null], \"c\": {}}",
                roundTrip("{\"b\":1,\"a\":[true,false,null],\"c\":{}}"));
        assertEquals("[]", roundTrip("[ ]"));
        assertEquals("[[1, 2], [3]]", roundTrip("[[1,2],[3]]"));
    }

    @Test
    void stringEscapes() throws Exception {
        assertEquals("\"a\\\"b\\\\c\\nd\\re\\tf\\bg\\fh\"", roundTrip("\"a\\\"b\\\\c\\nd\\re\\tf\\bg\\fh\""));
        assertEquals("\"\\u0001\\u001f\u007f/\"", roundTrip("\"\\u0001\\u001F\\u007f\\/\""));
        assertEquals("\"héllo 🐢 日本\"", roundTrip("\"h\\u00e9llo \\ud83d\\udc22 日本\""));
        assertEquals("{\"ké\\\"y\": \"v\"}", roundTrip("{\"k\\u00e9\\\"y\":\"v\"}"));
    }

    @Test
    void integersKeepAllDigits() throws Exception {
        assertEquals("[0, -7, 9007199254740993, 123456789012345678901234567890]",
                roundTrip("[0,-7,9007199254740993,123456789012345678901234567890]"));
        assertEquals("0", roundTrip("-0"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1.0|1.0", "100.0|100.0", "1e2|100.0", "0.1|0.1", "0.0001|0.0001", "0.00001|1e-05",
            "1e16|1e+16", "1.5e16|1.5e+16", "1e15|1000000000000000.0", "123456789.123|123456789.123",
            "-0.0|-0.0", "0.0|0.0", "2.5e-7|2.5e-07", "1e300|1e+300", "1.7976931348623157e308|1.7976931348623157e+308",
            "5e-324|5e-324", "0.30000000000000004|0.30000000000000004", "1e23|1e+23", "-12.5|-12.5",
            "9999999999999998.0|9999999999999998.0", "1e400|Infinity", "-1e400|-Infinity", "NaN|NaN",
            "3.14159|3.14159", "2.2250738585072014e-308|2.2250738585072014e-308"})
    void floatsAsPythonRepr(String input, String expected) throws Exception {
        assertEquals(expected, roundTrip(input));
    }
}
