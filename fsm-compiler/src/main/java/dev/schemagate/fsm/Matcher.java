package dev.schemagate.fsm;

import dev.schemagate.fsm.lexer.LexerStates;
import dev.schemagate.fsm.mask.MaskWalker;
import dev.schemagate.fsm.parser.Cfg;
import dev.schemagate.fsm.parser.CompletionCost;
import dev.schemagate.fsm.parser.EarleyParser;
import java.util.Arrays;

/**
 * Per-sequence state of a constraint: the Earley rows of the committed input, the lexer state inside the
 * current lexeme, and one checkpoint per committed token for rollback. The per-token methods allocate
 * nothing in steady state (arrays grow geometrically, then are reused).
 */
public final class Matcher {
    private final MaskEngine engine;
    private final LexerSpace space;
    private final LexerStates lexer;
    private final EarleyParser parser;
    private final MaskWalker walker;
    private final CompiledConstraint owner;
    private long[] steered;
    private int lex;
    private boolean midLexeme;
    private boolean finished;
    private int[] historyRows = new int[64];
    private int[] historyLex = new int[64];
    private byte[] historyFlags = new byte[64];
    private int history;

    Matcher(MaskEngine engine, LexerSpace space, Cfg cfg, CompiledConstraint owner) {
        this(engine, space, new EarleyParser(cfg, space.lexer), owner);
        reset();
    }

    private Matcher(MaskEngine engine, LexerSpace space, EarleyParser parser, CompiledConstraint owner) {
        this.engine = engine;
        this.owner = owner;
        this.space = space;
        this.lexer = space.lexer;
        this.parser = parser;
        this.walker = new MaskWalker(engine.trie(), engine.safeTokens(), lexer, space.plans);
    }

    /** Sets bit t of {@code mask} (length {@link MaskEngine#maskWords()}) iff token t may come next. */
    public void fillMask(long[] mask) {
        if (finished) {
            Arrays.fill(mask, 0L);
            return;
        }
        synchronized (space) {
            walker.fill(mask, parser, currentRow(), lex);
            if (acceptingNow()) {
                for (int eos : engine.endOfSequenceIds()) mask[eos >>> 6] |= 1L << eos;
            }
        }
    }

    /** Advances over token t; returns false (state unchanged) if t is not allowed. */
    public boolean commit(int token) {
        if (finished || token < 0 || token >= engine.vocabulary().size()) return false;
        synchronized (space) {
            if (engine.vocabulary().isSpecial(token)) {
                if (!isEndOfSequence(token) || !acceptingNow()) return false;
                checkpoint();
                finished = true;
                return true;
            }
            int rows = parser.rowCount();
            int savedLex = lex;
            boolean savedMid = midLexeme;
            for (byte b : engine.vocabulary().bytes(token)) {
                if (!advance(b & 0xFF)) {
                    parser.truncate(rows);
                    lex = savedLex;
                    midLexeme = savedMid;
                    return false;
                }
            }
            pushHistory(rows, savedLex, savedMid);
            return true;
        }
    }

    private boolean advance(int b) {
        int t = lexer.next(lex, b);
        if (t == LexerStates.DEAD) {
            if (!lexer.accepts(lex)) return false;
            int row = parser.scan(currentRow(), lexer.acceptSetId(lex));
            if (row < 0) return false;
            t = lexer.next(parser.lexStart(row), b);
            if (t == LexerStates.DEAD) return false;
        }
        lex = t;
        midLexeme = true;
        return true;
    }

    /** True when the text so far is a complete sentence of the grammar (end-of-sequence is allowed). */
    public boolean isAccepting() {
        if (finished) return true;
        synchronized (space) {
            return acceptingNow();
        }
    }

    private boolean acceptingNow() {
        if (!midLexeme) return parser.accepting(currentRow());
        if (!lexer.accepts(lex)) return false;
        int rows = parser.rowCount();
        int row = parser.scan(currentRow(), lexer.acceptSetId(lex));
        boolean accepting = row >= 0 && parser.accepting(row);
        parser.truncate(rows);
        return accepting;
    }

    /**
     * The fewest bytes that complete the output from here: 0 when it may end now, {@link CompletionCost#UNREACHABLE}
     * when it cannot end. A lower bound where a lexeme's shortest spelling would run into the next one.
     */
    public int bytesToEnd() {
        if (finished) return 0;
        synchronized (space) {
            return bytesToEndNow();
        }
    }

    private int bytesToEndNow() {
        return owner.completionCost().bytesToEnd(parser, currentRow(), lexeme -> space.shortest.of(lexer.remainderOf(lex, lexeme)), !midLexeme);
    }

    /**
     * Steering to the shortest ending: when completing the output needs nearly all of the {@code tokensLeft}
     * tokens (this one included; within {@code slack}), narrows a filled mask to the single-byte tokens after
     * which the end stays within reach, plus end-of-sequence where the output may end now. Each such token
     * brings the end at most one token closer, so the budget then suffices. Returns whether it narrowed;
     * it leaves the mask alone when the end is out of reach anyway.
     */
    public boolean steerToEnd(long[] mask, int tokensLeft, int slack) {
        if (finished || tokensLeft <= 0) return false;
        synchronized (space) {
            int need = bytesToEndNow();
            if (need >= CompletionCost.UNREACHABLE || need + slack < tokensLeft) return false;
            if (steered == null) steered = new long[mask.length];
            Arrays.fill(steered, 0L);
            boolean any = false;
            if (need == 0) {
                for (int eos : engine.endOfSequenceIds()) {
                    if ((mask[eos >>> 6] & (1L << eos)) != 0) {
                        steered[eos >>> 6] |= 1L << eos;
                        any = true;
                    }
                }
            }
            for (int token : owner.singleByteTokens()) {
                if (token < 0 || (mask[token >>> 6] & (1L << token)) == 0 || !commit(token)) continue;
                int after = bytesToEndNow();
                rollback(1);
                if (after <= tokensLeft - 1) {
                    steered[token >>> 6] |= 1L << token;
                    any = true;
                }
            }
            if (!any) return false;
            System.arraycopy(steered, 0, mask, 0, mask.length);
            return true;
        }
    }

    /** True once an end-of-sequence token has been committed. */
    public boolean isFinished() {
        return finished;
    }

    /** Undoes the last n commits. */
    public void rollback(int n) {
        if (n < 0 || n > history) throw new IllegalArgumentException("cannot roll back " + n + " of " + history + " tokens");
        if (n == 0) return;
        history -= n;
        parser.truncate(historyRows[history]);
        lex = historyLex[history];
        midLexeme = (historyFlags[history] & 1) != 0;
        finished = (historyFlags[history] & 2) != 0;
    }

    /** Number of committed tokens that can be rolled back. */
    public int committedTokens() {
        return history;
    }

    /**
     * Tokens that are the only possible continuation, in order (for fast-forward); empty when the next token
     * is a real choice. Walks masks on a copy of this matcher, so it allocates: call it once per step at most.
     */
    public int[] forcedTokens() {
        Matcher probe = copy();
        long[] mask = new long[engine.maskWords()];
        int[] forced = new int[8];
        int n = 0;
        while (n < 64) {
            probe.fillMask(mask);
            int only = -1;
            for (int w = 0; w < mask.length; w++) {
                if (mask[w] == 0) continue;
                if (only >= 0 || Long.bitCount(mask[w]) > 1) {
                    only = -2;
                    break;
                }
                only = (w << 6) + Long.numberOfTrailingZeros(mask[w]);
            }
            if (only < 0 || isEndOfSequence(only) || !probe.commit(only)) break;
            if (n == forced.length) forced = Arrays.copyOf(forced, n * 2);
            forced[n++] = only;
        }
        return Arrays.copyOf(forced, n);
    }

    /** Back to the start of the grammar. */
    public void reset() {
        synchronized (space) {
            parser.truncate(1);
            lex = parser.lexStart(0);
        }
        midLexeme = false;
        finished = false;
        history = 0;
    }

    public Matcher copy() {
        synchronized (space) {
            Matcher m = new Matcher(engine, space, parser.copy(), owner);
            m.lex = lex;
            m.midLexeme = midLexeme;
            m.finished = finished;
            m.historyRows = historyRows.clone();
            m.historyLex = historyLex.clone();
            m.historyFlags = historyFlags.clone();
            m.history = history;
            return m;
        }
    }

    private boolean isEndOfSequence(int token) {
        for (int eos : engine.endOfSequenceIds()) {
            if (eos == token) return true;
        }
        return false;
    }

    private int currentRow() {
        return parser.rowCount() - 1;
    }

    private void checkpoint() {
        pushHistory(parser.rowCount(), lex, midLexeme);
    }

    private void pushHistory(int rows, int lexState, boolean mid) {
        if (history == historyRows.length) {
            historyRows = Arrays.copyOf(historyRows, history * 2);
            historyLex = Arrays.copyOf(historyLex, history * 2);
            historyFlags = Arrays.copyOf(historyFlags, history * 2);
        }
        historyRows[history] = rows;
        historyLex[history] = lexState;
        historyFlags[history] = (byte) ((mid ? 1 : 0) | (finished ? 2 : 0));
        history++;
    }
}
