package dev.schemagate.decoder.chat;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code tojson} filter as Hugging Face's chat templates get it: Python's {@code json.dumps} with
 * ensure_ascii off, so {@code {"a": 1, "b": [true, null]}} with its ", " and ": " separators, Python's float
 * spelling, and the {@code indent}, {@code sort_keys} and {@code ensure_ascii} options.
 */
final class PythonJson implements Filter {
    @Override
    public String getName() {
        return "tojson";
    }

    @Override
    public Object filter(Object value, JinjavaInterpreter interpreter, String... args) {
        return dumps(value, null, false, false);
    }

    @Override
    public Object filter(Object value, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
        Object indent = kwargs.getOrDefault("indent", args.length > 0 ? args[0] : null);
        String indentText = switch (indent) {
            case null -> null;
            case Number n -> " ".repeat(n.intValue());
            case String s -> s;
            default -> throw new ChatTemplateException("tojson indent must be a number or a string, got " + indent);
        };
        return dumps(value, indentText, truthy(kwargs.get("sort_keys")), truthy(kwargs.get("ensure_ascii")));
    }

    private static boolean truthy(Object value) {
        return value instanceof Boolean b && b;
    }

    static String dumps(Object value, String indent, boolean sortKeys, boolean ensureAscii) {
        StringBuilder out = new StringBuilder();
        new Writer(out, indent, sortKeys, ensureAscii).write(value, 0);
        return out.toString();
    }

    private record Writer(StringBuilder out, String indent, boolean sortKeys, boolean ensureAscii) {
        void write(Object value, int depth) {
            switch (value) {
                case null -> out.append("null");
                case Boolean b -> out.append(b);
                case Integer i -> out.append(i);
                case Long l -> out.append(l);
                case Short s -> out.append(s);
                case Byte b -> out.append(b);
                case BigInteger b -> out.append(b);
                case Double d -> out.append(pythonFloat(d));
                case Float f -> out.append(pythonFloat(Double.parseDouble(Float.toString(f))));
                case BigDecimal d -> out.append(pythonFloat(d.doubleValue()));
                case CharSequence s -> string(s.toString());
                case Character c -> string(c.toString());
                case Map<?, ?> map -> object(map, depth);
                case Iterable<?> items -> array(items, depth);
                case Object[] items -> array(List.of(items), depth);
                default -> throw new ChatTemplateException("tojson cannot serialize a " + value.getClass().getName());
            }
        }

        private void object(Map<?, ?> map, int depth) {
            List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
            if (sortKeys) entries.sort((a, b) -> key(a.getKey()).compareTo(key(b.getKey())));
            if (entries.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append('{');
            for (int i = 0; i < entries.size(); i++) {
                separator(i, depth + 1);
                string(key(entries.get(i).getKey()));
                out.append(": ");
                write(entries.get(i).getValue(), depth + 1);
            }
            close(depth, '}');
        }

        private void array(Iterable<?> items, int depth) {
            out.append('[');
            int i = 0;
            for (Object item : items) {
                separator(i++, depth + 1);
                write(item, depth + 1);
            }
            if (i == 0) out.append(']');
            else close(depth, ']');
        }

        private void separator(int index, int depth) {
            if (indent == null) {
                if (index > 0) out.append(", ");
            } else {
                out.append(index > 0 ? ",\n" : "\n").append(indent.repeat(depth));
            }
        }

        private void close(int depth, char bracket) {
            if (indent != null) out.append('\n').append(indent.repeat(depth));
            out.append(bracket);
        }

        /** Python turns non-string keys into strings: True as "true", None as "null", numbers as written. */
        private static String key(Object key) {
            return switch (key) {
                case null -> "null";
                case Boolean b -> b.toString();
                case Double d -> pythonFloat(d);
                default -> key.toString();
            };
        }

        private void string(String s) {
            out.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    default -> {
                        if (c < 0x20 || (ensureAscii && c > 0x7E)) out.append(String.format("\\u%04x", (int) c));
                        else out.append(c);
                    }
                }
            }
            out.append('"');
        }
    }

    /** Python's repr of a float, the same spelling json.dumps writes (shared with the MaskBench serializer). */
    static String pythonFloat(double d) {
        return dev.schemagate.schemas.instance.PythonJson.floatRepr(d);
    }
}
