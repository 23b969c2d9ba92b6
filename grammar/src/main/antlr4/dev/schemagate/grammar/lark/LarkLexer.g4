/*
 * Tokens of Lark-style EBNF as llguidance accepts it. `%json {` swallows the balanced JSON object that
 * follows (strings may hold braces), so the object is one token whatever its content.
 */
lexer grammar LarkLexer;

@members {
    /** Consumes the rest of a JSON object after its opening brace, keeping line and column counts right. */
    private void consumeJsonObject() {
        int depth = 1;
        boolean inString = false, escaped = false;
        while (depth > 0 && _input.LA(1) != CharStream.EOF) {
            int c = _input.LA(1);
            getInterpreter().consume(_input);
            if (inString) {
                if (escaped) escaped = false;
                else if (c == '\\') escaped = true;
                else if (c == '"') inString = false;
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            }
        }
    }
}

JSON : '%json' [ \t\r\n]* '{' { consumeJsonObject(); } ;
IGNORE : '%ignore' ;
IMPORT : '%import' ;
DIRECTIVE : '%' [a-z_]+ ;
RULE : '_'* [a-z] [a-z0-9_-]* ;
TERMINAL : '_'* [A-Z] [A-Z0-9_-]* ;
MIXED_NAME : [a-zA-Z_] [a-zA-Z0-9_-]* ;
NUMBER : [0-9]+ ;
STRING : '"' ( '\\' . | ~["\\\r\n] )* '"' 'i'? ;
REGEXP : '/' ( '\\' . | ~[/\\\r\n] )+ '/' [a-z]* ;
SPECIAL : '<' ~[<>\r\n]* '>' ;
COLON : ':' ;
PIPE : '|' ;
LPAREN : '(' ;
RPAREN : ')' ;
LBRACK : '[' ;
RBRACK : ']' ;
LBRACE : '{' ;
RBRACE : '}' ;
QUESTION : '?' ;
BANG : '!' ;
STAR : '*' ;
PLUS : '+' ;
TILDE : '~' ;
DOTDOT : '..' ;
DOT : '.' ;
ARROW : '->' ;
COMMA : ',' ;
EQUALS : '=' ;
COMMENT : ('//' | '#') ~[\r\n]* -> skip ;
SPACE : [ \t\r\n]+ -> skip ;
