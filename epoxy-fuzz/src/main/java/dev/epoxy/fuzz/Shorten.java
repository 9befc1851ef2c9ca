package dev.epoxy.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;

/** Printable, bounded renderings of request and response parts for reports. */
final class Shorten {
    private Shorten() {}

    static String text(String text, int max) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F || Character.isSurrogate(c) || c > 0x7E) {
                out.append(String.format("\\u%04x", (int) c));
            }
            else {
                out.append(c);
            }
        }
        if (out.length() >= max && text.length() > max) {
            out.append("... (").append(text.length()).append(" characters)");
        }
        return out.toString();
    }

    static String bytes(byte[] bytes, int max) {
        String text = new String(bytes, 0, Math.min(bytes.length, max * 2), UTF_8);
        String shown = text(text, max);
        return bytes.length > max ? shown + " [" + bytes.length + " bytes]" : shown;
    }
}
