package dev.schemagate.decoder.tokens;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Cuts text at special tokens the way llama.cpp does with parse_special on: longest token text first, each one
 * split out of every remaining text fragment at all of its occurrences, left to right. This differs from
 * leftmost-longest matching only when token texts overlap.
 */
final class SpecialTokenSplitter {
    /** A fragment of the input: raw text [start, end) when {@code token} is negative, else that token's id. */
    record Fragment(int start, int end, int token) {
        boolean isText() {
            return token < 0;
        }
    }

    private record Special(int id, String text) {}

    private final List<Special> specials;

    /** @param texts token texts by id; null entries and empty texts are not matched */
    SpecialTokenSplitter(List<String> texts, List<Integer> ids) {
        List<Special> list = new ArrayList<>();
        for (int id : ids) {
            String text = texts.get(id);
            if (text != null && !text.isEmpty()) list.add(new Special(id, text));
        }
        list.sort(Comparator.comparingInt((Special s) -> -s.text.length()).thenComparingInt(Special::id));
        this.specials = List.copyOf(list);
    }

    List<Fragment> split(String text) {
        List<Fragment> fragments = new ArrayList<>();
        if (text.isEmpty()) return fragments;
        fragments.add(new Fragment(0, text.length(), -1));
        for (Special special : specials) {
            if (!text.contains(special.text)) continue;
            List<Fragment> next = new ArrayList<>(fragments.size() + 2);
            for (Fragment fragment : fragments) {
                if (!fragment.isText()) {
                    next.add(fragment);
                    continue;
                }
                int from = fragment.start();
                while (true) {
                    int match = text.indexOf(special.text, from);
                    if (match < 0 || match + special.text.length() > fragment.end()) break;
                    if (match > from) next.add(new Fragment(from, match, -1));
                    next.add(new Fragment(match, match + special.text.length(), special.id));
                    from = match + special.text.length();
                }
                if (from < fragment.end()) next.add(new Fragment(from, fragment.end(), -1));
            }
            fragments = next;
        }
        return fragments;
    }
}
