package dev.schemagate.gateway.mcp;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The addresses an MCP server URL may point at: CIDR blocks (IPv4 or IPv6) and exact host names. A URL passes
 * when its host is an allowed name, or when every address Java's resolver gives for it (the resolver the HTTP
 * client then uses, with its decimal and mapped-address readings) lies in an allowed block.
 */
public final class UrlAllowList {
    private static final Pattern DOTTED_QUAD = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

    private final List<String> entries;
    private final List<Block> blocks;
    private final Set<String> hostNames;

    private UrlAllowList(List<String> entries, List<Block> blocks, Set<String> hostNames) {
        this.entries = entries;
        this.blocks = blocks;
        this.hostNames = hostNames;
    }

    /** The default: the loopback addresses and {@code localhost}. */
    public static UrlAllowList loopbackOnly() {
        return of(List.of("127.0.0.0/8", "::1/128", "localhost"));
    }

    /**
     * @param entries CIDR blocks ({@code 10.0.0.0/8}, {@code fd00::/8}), single addresses, or exact host names
     * @throws IllegalArgumentException naming the first entry that is none of these
     */
    public static UrlAllowList of(List<String> entries) {
        List<Block> blocks = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String entry : entries) {
            String trimmed = entry.strip();
            // Digits and dots only is meant as an address, never a name: "999.1.1.1" is a typo, not a host.
            if (trimmed.contains("/") || trimmed.contains(":") || trimmed.matches("[0-9.]+")) {
                blocks.add(Block.parse(trimmed));
            } else if (HOST_NAME.matcher(trimmed.toLowerCase(Locale.ROOT)).matches()) {
                names.add(trimmed.toLowerCase(Locale.ROOT));
            } else {
                throw new IllegalArgumentException("'" + entry + "' is neither a CIDR block, an IP address nor a host name");
            }
        }
        return new UrlAllowList(List.copyOf(entries), List.copyOf(blocks), Set.copyOf(names));
    }

    public List<String> entries() {
        return entries;
    }

    /**
     * Checks a server URL before anything connects to it.
     *
     * @throws DisallowedUrlException when the URL is malformed, not http(s), carries user info, does not resolve,
     *                                or reaches an address outside the list
     */
    public void check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw refused(url, "it is not a valid URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) throw refused(url, "only http and https URLs are allowed");
        // Credentials belong in headers; an '@' in the authority only serves to make a URL read as another host.
        if (uri.getRawUserInfo() != null) throw refused(url, "user info in the URL is not allowed");
        String host = uri.getHost();
        if (host == null) throw refused(url, "it has no host name the HTTP client accepts");
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        if (hostNames.contains(host.toLowerCase(Locale.ROOT))) return;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw refused(url, "host '" + host + "' does not resolve");
        }
        for (InetAddress address : addresses) {
            if (address.isAnyLocalAddress()) throw refused(url, address.getHostAddress() + " is the unspecified address");
            if (blocks.stream().noneMatch(block -> block.contains(address))) {
                throw refused(url, address.getHostAddress() + " is outside the allowed addresses " + entries);
            }
        }
    }

    private static DisallowedUrlException refused(String url, String why) {
        return new DisallowedUrlException("MCP server URL '" + url + "' is not allowed: " + why);
    }

    @Override
    public String toString() {
        return "UrlAllowList" + entries;
    }

    /** A CIDR block: the network's address bytes (4 or 16) and how many leading bits must match. */
    private record Block(byte[] network, int prefix) {
        static Block parse(String text) {
            int slash = text.indexOf('/');
            String addressText = slash < 0 ? text : text.substring(0, slash);
            InetAddress address = literal(addressText, text);
            int bits = address.getAddress().length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(text.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bits) throw new IllegalArgumentException("'" + text + "' needs a prefix length from 0 to " + bits);
            }
            if (!hostBitsClear(address.getAddress(), prefix)) {
                throw new IllegalArgumentException("'" + text + "' has bits set after its /" + prefix + " prefix");
            }
            return new Block(address.getAddress(), prefix);
        }

        /** Only the plain spellings: dotted quads and colon-hex IPv6, never a name that would need DNS. */
        private static InetAddress literal(String addressText, String entry) {
            boolean v4 = DOTTED_QUAD.matcher(addressText).matches();
            if (!v4 && !addressText.contains(":")) throw new IllegalArgumentException("'" + entry + "' does not start with an IP address");
            InetAddress address;
            try {
                address = InetAddress.ofLiteral(addressText);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + entry + "' does not start with an IP address");
            }
            if (!v4 && address instanceof Inet4Address) {
                throw new IllegalArgumentException("'" + entry + "' is an IPv4-mapped IPv6 block; write it as an IPv4 block");
            }
            return address;
        }

        private static boolean hostBitsClear(byte[] bytes, int prefix) {
            for (int bit = prefix; bit < bytes.length * 8; bit++) {
                if ((bytes[bit / 8] & (0x80 >>> (bit % 8))) != 0) return false;
            }
            return true;
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) return false;
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (bytes[i] != network[i]) return false;
            }
            int rest = prefix % 8;
            if (rest == 0) return true;
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (bytes[whole] & mask) == (network[whole] & mask);
        }
    }
}
