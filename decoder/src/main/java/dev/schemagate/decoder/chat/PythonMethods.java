package dev.schemagate.decoder.chat;

import java.beans.FeatureDescriptor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

/**
 * Python's str methods that chat templates call ({@code message.content.startswith('<tool_response>')},
 * {@code content.split('</think>')[-1].lstrip('\n')}, ...) and dict's {@code get(key, default)}, answered before
 * jinjava's own resolver, which only knows Java's methods. Resolves nothing else.
 */
final class PythonMethods extends ELResolver {
    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        Object[] args = params == null ? new Object[0] : params;
        Object result;
        if (base instanceof String s) result = stringMethod(s, String.valueOf(method), args);
        else if (base instanceof Map<?, ?> map && "get".equals(method) && args.length == 2) result = map.containsKey(args[0]) ? map.get(args[0]) : args[1];
        else return null;
        if (result != null) context.setPropertyResolved(true);
        return result;
    }

    private static Object stringMethod(String s, String method, Object[] args) {
        return switch (method) {
            case "startswith" -> anyPrefix(s, args, true);
            case "endswith" -> anyPrefix(s, args, false);
            case "strip" -> strip(s, chars(args), true, true);
            case "lstrip" -> strip(s, chars(args), true, false);
            case "rstrip" -> strip(s, chars(args), false, true);
            case "split" -> split(s, args.length > 0 ? args[0] : null, args.length > 1 ? ((Number) args[1]).intValue() : -1);
            case "upper" -> s.toUpperCase(Locale.ROOT);
            case "lower" -> s.toLowerCase(Locale.ROOT);
            case "capitalize" -> s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
            case "title" -> title(s);
            case "replace" -> replace(s, text(args, 0), text(args, 1), args.length > 2 ? ((Number) args[2]).intValue() : -1);
            case "join" -> join(s, args.length == 1 ? args[0] : null);
            case "find" -> (long) s.indexOf(text(args, 0));
            case "count" -> count(s, text(args, 0));
            default -> null;
        };
    }

    private static String text(Object[] args, int index) {
        if (index >= args.length || !(args[index] instanceof String s)) {
            throw new ChatTemplateException("a string method expected a string as argument " + (index + 1));
        }
        return s;
    }

    private static String chars(Object[] args) {
        return args.length == 0 || args[0] == null ? null : text(args, 0);
    }

    private static boolean anyPrefix(String s, Object[] args, boolean start) {
        List<Object> candidates = args.length == 1 && args[0] instanceof Iterable<?> many ? list(many) : List.of(args);
        for (Object candidate : candidates) {
            String affix = String.valueOf(candidate);
            if (start ? s.startsWith(affix) : s.endsWith(affix)) return true;
        }
        return false;
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** {@code chars} null means whitespace, as in Python. */
    private static String strip(String s, String chars, boolean left, boolean right) {
        int start = 0;
        int end = s.length();
        while (left && start < end && (chars == null ? isSpace(s.charAt(start)) : chars.indexOf(s.charAt(start)) >= 0)) start++;
        while (right && end > start && (chars == null ? isSpace(s.charAt(end - 1)) : chars.indexOf(s.charAt(end - 1)) >= 0)) end--;
        return s.substring(start, end);
    }

    private static List<String> split(String s, Object separator, int maxSplit) {
        List<String> parts = new ArrayList<>();
        if (separator == null) {
            int i = 0;
            while (true) {
                while (i < s.length() && isSpace(s.charAt(i))) i++;
                if (i == s.length()) break;
                if (maxSplit >= 0 && parts.size() == maxSplit) {
                    parts.add(strip(s.substring(i), null, false, true));
                    break;
                }
                int end = i;
                while (end < s.length() && !isSpace(s.charAt(end))) end++;
                parts.add(s.substring(i, end));
                i = end;
            }
            return parts;
        }
        String sep = String.valueOf(separator);
        if (sep.isEmpty()) throw new ChatTemplateException("split() separator is empty");
        int from = 0;
        while (maxSplit < 0 || parts.size() < maxSplit) {
            int at = s.indexOf(sep, from);
            if (at < 0) break;
            parts.add(s.substring(from, at));
            from = at + sep.length();
        }
        parts.add(s.substring(from));
        return parts;
    }

    private static String title(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean previousCased = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(previousCased ? Character.toLowerCase(c) : Character.toUpperCase(c));
            previousCased = Character.isLetter(c);
        }
        return out.toString();
    }

    private static String replace(String s, String old, String replacement, int count) {
        if (count < 0) return s.replace(old, replacement);
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int done = 0; done < count; done++) {
            int at = s.indexOf(old, from);
            if (at < 0) break;
            out.append(s, from, at).append(replacement);
            from = at + old.length();
            if (old.isEmpty()) {
                if (from < s.length()) out.append(s.charAt(from));
                from++;
            }
        }
        if (from <= s.length()) out.append(s.substring(Math.min(from, s.length())));
        return out.toString();
    }

    private static String join(String separator, Object items) {
        if (!(items instanceof Iterable<?> iterable)) throw new ChatTemplateException("join() needs a list");
        List<String> parts = new ArrayList<>();
        for (Object item : iterable) parts.add(String.valueOf(item));
        return String.join(separator, parts);
    }

    private static long count(String s, String sub) {
        if (sub.isEmpty()) return s.length() + 1L;
        long n = 0;
        for (int at = s.indexOf(sub); at >= 0; at = s.indexOf(sub, at + sub.length())) n++;
        return n;
    }

    private static List<Object> list(Iterable<?> items) {
        List<Object> list = new ArrayList<>();
        items.forEach(list::add);
        return list;
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return true;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return null;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return null;
    }
}
