/* Tokens of GBNF, llama.cpp's grammar syntax. Newlines only separate tokens. */
lexer grammar GbnfLexer;

DEFINE : '::=' ;
PIPE : '|' ;
STAR : '*' ;
PLUS : '+' ;
QUESTION : '?' ;
DOT : '.' ;
LPAREN : '(' ;
RPAREN : ')' ;
LBRACE : '{' -> pushMode(COUNT) ;
NAME : [a-zA-Z0-9_-]+ ;
STRING : '"' ( '\\' . | ~["\\] )* '"' ;
CLASS : '[' ( '\\' . | ~[\]\\] )* ']' ;
TOKEN_REF : '!'? '<' ~[>\r\n]* '>' ;
COMMENT : '#' ~[\r\n]* -> skip ;
SPACE : [ \t\r\n]+ -> skip ;

mode COUNT;
INT : [0-9]+ ;
COMMA : ',' ;
RBRACE : '}' -> popMode ;
COUNT_SPACE : [ \t\r\n]+ -> skip ;
