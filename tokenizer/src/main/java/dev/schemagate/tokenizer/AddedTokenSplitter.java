package dev.schemagate.tokenizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Cuts text at occurrences of added tokens the way Hugging Face does: leftmost-longest matches over all
 * tokens, a single_word token only between non-word characters, lstrip/rstrip swallowing adjacent whitespace.
 */
final class AddedTokenSplitter {
    private static final Pattern WORD_CHAR = Pattern.compile("\\w", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern SPACE_CHAR = Pattern.compile("\\s", Pattern.UNICODE_CHARACTER_CLASS);

    /** A piece of the input: [start, end) and the added token it is, or null for ordinary text. */
    record Piece(int start, int end, AddedToken token) {}

    private static final class TrieNode {
        final Map<Character, TrieNode> children = new HashMap<>();
        AddedToken token;
    }

    private final TrieNode root = new TrieNode();
    private final boolean empty;
    /** Chars that begin some token: most text has none of them, so most positions cost one array read. */
    private final boolean[] startsToken = new boolean[Character.MAX_VALUE + 1];

    AddedTokenSplitter(List<AddedToken> tokens) {
        for (AddedToken token : tokens) {
            TrieNode node = root;
            for (char c : token.content().toCharArray()) node = node.children.computeIfAbsent(c, k -> new TrieNode());
            node.token = token;
            startsToken[token.content().charAt(0)] = true;
        }
        this.empty = tokens.isEmpty();
    }

    /** The pieces covering {@code text} in order; ordinary pieces are never empty. */
    List<Piece> split(String text) {
        List<Piece> pieces = new ArrayList<>();
        int doneUpTo = 0;
        int searchFrom = 0;
        while (!empty && searchFrom < text.length()) {
            Piece match = longestMatchFrom(text, searchFrom);
            if (match == null) break;
            searchFrom = match.end();
            AddedToken token = match.token();
            if (token.singleWord() && !isSingleWord(text, match.start(), match.end())) continue;
            int start = match.start();
            int end = match.end();
            if (token.lstrip()) {
                while (start > doneUpTo && isSpace(text.codePointBefore(start))) start -= Character.charCount(text.codePointBefore(start));
            }
            if (token.rstrip()) {
                while (end < text.length() && isSpace(text.codePointAt(end))) end += Character.charCount(text.codePointAt(end));
            }
            if (doneUpTo < start) pieces.add(new Piece(doneUpTo, start, null));
            pieces.add(new Piece(start, end, token));
            doneUpTo = end;
            searchFrom = end;
        }
        if (doneUpTo < text.length()) pieces.add(new Piece(doneUpTo, text.length(), null));
        return pieces;
    }

    /** The leftmost position at or after {@code from} where a token starts, with the longest token there. */
    private Piece longestMatchFrom(String text, int from) {
        for (int start = from; start < text.length(); start++) {
            if (!startsToken[text.charAt(start)]) continue;
            TrieNode node = root.children.get(text.charAt(start));
            AddedToken longest = null;
            int longestEnd = start;
            for (int i = start + 1; node != null; i++) {
                if (node.token != null) {
                    longest = node.token;
                    longestEnd = i;
                }
                node = i < text.length() ? node.children.get(text.charAt(i)) : null;
            }
            if (longest != null) return new Piece(start, longestEnd, longest);
        }
        return null;
    }

    private static boolean isSingleWord(String text, int start, int end) {
        boolean wordBefore = start > 0 && isWordChar(text.codePointBefore(start));
        boolean wordAfter = end < text.length() && isWordChar(text.codePointAt(end));
        return !wordBefore && !wordAfter;
    }

    private static boolean isWordChar(int codePoint) {
        return WORD_CHAR.matcher(Character.toString(codePoint)).matches();
    }

    private static boolean isSpace(int codePoint) {
        return SPACE_CHAR.matcher(Character.toString(codePoint)).matches();
    }
}
