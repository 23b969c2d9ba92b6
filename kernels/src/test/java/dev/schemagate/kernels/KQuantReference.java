package dev.schemagate.kernels;

/**
 * A plain scalar reading of ggml's K-quant blocks, written from ggml's dequantize_row_q4_K/q5_K/q6_K formulas
 * and independent of the repacked layouts the kernels use.
 */
final class KQuantReference {
    private KQuantReference() {
    }

    static float[] decode(GgmlType type, byte[] gguf, int values) {
        float[] y = new float[values];
        for (int b = 0; b < values / 256; b++) {
            switch (type) {
                case Q4_K -> q4k(gguf, b * 144, y, b * 256);
                case Q5_K -> q5k(gguf, b * 176, y, b * 256);
                case Q6_K -> q6k(gguf, b * 210, y, b * 256);
                default -> throw new IllegalArgumentException(type.toString());
            }
        }
        return y;
    }

    private static int u8(byte[] s, int i) {
        return s[i] & 0xFF;
    }

    private static float half(byte[] s, int i) {
        return Float.float16ToFloat((short) (u8(s, i) | u8(s, i + 1) << 8));
    }

    /** ggml's get_scale_min_k4: returns {scale, min} of sub-block j from the 12 bytes at s[at]. */
    private static int[] scaleMin(byte[] s, int at, int j) {
        if (j < 4) return new int[] {u8(s, at + j) & 63, u8(s, at + j + 4) & 63};
        int sc = (u8(s, at + j + 4) & 0xF) | ((u8(s, at + j - 4) >> 6) << 4);
        int m = (u8(s, at + j + 4) >> 4) | ((u8(s, at + j) >> 6) << 4);
        return new int[] {sc, m};
    }

    private static void q4k(byte[] s, int at, float[] y, int yo) {
        float d = half(s, at);
        float dmin = half(s, at + 2);
        for (int j = 0; j < 8; j++) {
            int[] sm = scaleMin(s, at + 4, j);
            float scale = d * sm[0];
            float min = dmin * sm[1];
            for (int e = 0; e < 32; e++) {
                int v = 64 * (j / 2) + (j % 2) * 32 + e;
                int q = u8(s, at + 16 + 32 * (j / 2) + e);
                q = j % 2 == 0 ? q & 0xF : q >> 4;
                y[yo + v] = scale * q - min;
            }
        }
    }

    private static void q5k(byte[] s, int at, float[] y, int yo) {
        float d = half(s, at);
        float dmin = half(s, at + 2);
        for (int j = 0; j < 8; j++) {
            int[] sm = scaleMin(s, at + 4, j);
            float scale = d * sm[0];
            float min = dmin * sm[1];
            for (int e = 0; e < 32; e++) {
                int v = 64 * (j / 2) + (j % 2) * 32 + e;
                int q = u8(s, at + 48 + 32 * (j / 2) + e);
                q = j % 2 == 0 ? q & 0xF : q >> 4;
                if ((u8(s, at + 16 + e) & (1 << j)) != 0) q += 16;
                y[yo + v] = scale * q - min;
            }
        }
    }

    private static void q6k(byte[] s, int at, float[] y, int yo) {
        float d = half(s, at + 208);
        for (int v = 0; v < 256; v++) {
            int half = v / 128;
            int i = v % 128;
            int l = i % 32;
            int quarter = i / 32;
            int lowByte = u8(s, at + 64 * half + l + (quarter % 2) * 32);
            int low = quarter < 2 ? lowByte & 0xF : lowByte >> 4;
            int high = (u8(s, at + 128 + 32 * half + l) >> (2 * quarter)) & 3;
            int sc = s[at + 192 + 8 * half + l / 16 + 2 * quarter];
            y[yo + v] = d * sc * ((low | high << 4) - 32);
        }
    }
}
