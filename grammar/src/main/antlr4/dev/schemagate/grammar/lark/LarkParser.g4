/*
 * Lark-style EBNF: rules (lowercase), terminals (uppercase), %ignore and %import. A definition ends where
 * the next `name:` starts, so newlines are not needed to separate statements. Priorities (`name.2:`) are
 * read so that grammars using them parse; they do not change a language.
 */
parser grammar LarkParser;

options { tokenVocab = LarkLexer; }

file_ : statement* EOF ;

statement
    : (QUESTION | BANG)? RULE ruleOptions? (DOT NUMBER)? COLON expansions  # ruleDef
    | TERMINAL (DOT priority=NUMBER)? COLON expansions                  # terminalDef
    | IGNORE expansions                                                 # ignore
    | IMPORT path=dottedName (ARROW renamed=name)?                      # importOne
    | IMPORT path=dottedName LPAREN name (COMMA name)* RPAREN            # importMany
    | DIRECTIVE name*                                                   # otherDirective
    ;

ruleOptions : LBRACK (~RBRACK)* RBRACK ;

dottedName : name (DOT name)* ;

name : RULE | TERMINAL ;

expansions : PIPE? alias (PIPE alias)* ;

alias : expansion (ARROW name)? ;

expansion : expr* ;

expr : atom repetition? ;

repetition
    : QUESTION                                              # optionalRep
    | STAR                                                  # starRep
    | PLUS                                                  # plusRep
    | TILDE min=NUMBER (DOTDOT max=NUMBER)?                 # tildeRep
    | LBRACE min=NUMBER? (comma=COMMA max=NUMBER?)? RBRACE  # braceRep
    ;

atom
    : LPAREN expansions RPAREN      # group
    | LBRACK expansions RBRACK      # maybe
    | STRING (DOTDOT to=STRING)?    # literal
    | REGEXP                        # regexp
    | RULE                          # ruleRef
    | TERMINAL                      # terminalRef
    | JSON                          # json
    | SPECIAL                       # special
    ;
