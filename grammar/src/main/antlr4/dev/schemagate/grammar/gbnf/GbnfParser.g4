/*
 * GBNF: `name ::= alternatives`, one rule after another; a rule ends where the next `name ::=` starts, so a
 * NAME followed by '::=' is never taken as an item of the rule before.
 */
parser grammar GbnfParser;

options { tokenVocab = GbnfLexer; }

file_ : rule_* EOF ;

rule_ : NAME DEFINE alternatives ;

alternatives : sequence (PIPE sequence)* ;

sequence : item* ;

item : atom quantifier* ;

atom
    : STRING                         # literal
    | CLASS                          # charClass
    | DOT                            # anyChar
    | NAME                           # reference
    | LPAREN alternatives RPAREN     # group
    | TOKEN_REF                      # tokenReference
    ;

quantifier
    : STAR                                          # zeroOrMore
    | PLUS                                          # oneOrMore
    | QUESTION                                      # optional
    | LBRACE min=INT (COMMA max=INT?)? RBRACE       # counted
    ;
