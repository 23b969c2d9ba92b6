package dev.schemagate.grammar.choice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.grammar.Grammar;
import dev.schemagate.grammar.check.ReferenceRecognizer;
import dev.schemagate.grammar.frontend.InvalidGrammarException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChoiceCompilerTest {
    @Test
    void theOutputIsExactlyOneChoice() {
        Grammar g = ChoiceCompiler.compile(List.of("yes", "no", "yes please", "", "ça va"));
        for (String s : List.of("yes", "no", "yes please", "", "ça va")) assertTrue(ReferenceRecognizer.accepts(g, s), s);
        for (String s : List.of("ye", "yesno", "no ", "ca va")) assertFalse(ReferenceRecognizer.accepts(g, s), s);
    }

    @Test
    void anEmptyListOrANullChoiceIsRefused() {
        assertThrows(InvalidGrammarException.class, () -> ChoiceCompiler.compile(List.of()));
        InvalidGrammarException e = assertThrows(InvalidGrammarException.class, () -> ChoiceCompiler.compile(Arrays.asList("a", null)));
        assertEquals(2, e.column());
    }
}
