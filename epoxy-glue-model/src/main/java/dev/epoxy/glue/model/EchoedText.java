package dev.epoxy.glue.model;

/**
 * Client input quoted in an error message: cut to a length fit for a message, since a member may be
 * hundreds of thousands of characters long and a message must neither swamp the reply nor carry the
 * request back whole.
 */
public final class EchoedText {
    private EchoedText() {}

    /** {@code text} itself when at most {@code maxLength} characters, else its start followed by {@code ...}. */
    public static String shortened(String text, int maxLength) {
        return text.length() > maxLength ? text.substring(0, maxLength) + "..." : text;
    }
}
