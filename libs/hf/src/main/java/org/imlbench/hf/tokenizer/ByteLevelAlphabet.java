package org.imlbench.hf.tokenizer;

import java.util.Arrays;

/**
 * GPT-2's reversible map between bytes and printable characters ({@code bytes_to_unicode}): printable Latin-1 bytes
 * map to themselves, the other 68 bytes to U+0100 onwards, so every byte sequence becomes a string without
 * whitespace or control characters that BPE can work on.
 */
final class ByteLevelAlphabet {
    private final char[] byteToChar = new char[256];
    private final int[] charToByte = new int[512];

    ByteLevelAlphabet() {
        Arrays.fill(charToByte, -1);
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            char c = printable ? (char) b : (char) next++;
            byteToChar[b] = c;
            charToByte[c] = b;
        }
    }

    /**
     * @param b a byte
     * @return its character
     */
    char charOf(byte b) {
        return byteToChar[b & 0xff];
    }

    /**
     * @param c a character
     * @return its byte, or -1 when c is not in the alphabet
     */
    int byteOf(char c) {
        return c < charToByte.length ? charToByte[c] : -1;
    }
}
