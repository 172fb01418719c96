package org.councilchat.engine.nlu;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sparse tf-idf vectors of a message: word unigrams and bigrams in one block, character 2-5-grams of each
 * space-padded word in another (scikit-learn's {@code char_wb}), sublinear term frequency, each block
 * scaled to unit length. The character block is what lets "colection" and "collection" share evidence.
 * Immutable once fitted.
 */
final class TextFeatures {

    static final int MIN_CHAR = 2;
    static final int MAX_CHAR = 5;

    private final Map<String, Integer> columns;
    private final String[] names;
    private final float[] idf;

    private TextFeatures(String[] names, float[] idf) {
        this.names = names;
        this.idf = idf;
        this.columns = new HashMap<>(names.length * 2);
        for (int i = 0; i < names.length; i++) {
            columns.put(names[i], i);
        }
    }

    /**
     * Learns the vocabulary and inverse document frequencies. Features seen in fewer than {@code minCount}
     * messages are dropped: they can only ever vote for the one example that had them, and they make up
     * most of the model's size.
     */
    static TextFeatures fit(List<String[]> messages, int minCount) {
        Map<String, int[]> documentFrequency = new HashMap<>();
        for (String[] tokens : messages) {
            for (String feature : distinct(tokens)) {
                documentFrequency.computeIfAbsent(feature, f -> new int[1])[0]++;
            }
        }
        List<String> kept = new ArrayList<>();
        documentFrequency.forEach((feature, count) -> {
            if (count[0] >= minCount) {
                kept.add(feature);
            }
        });
        kept.sort(null);
        String[] names = kept.toArray(String[]::new);
        float[] idf = new float[names.length];
        int n = messages.size();
        for (int i = 0; i < names.length; i++) {
            // scikit-learn's smoothed idf, so the weighting matches the baseline it is compared with
            idf[i] = (float) (Math.log((1.0 + n) / (1.0 + documentFrequency.get(names[i])[0])) + 1.0);
        }
        return new TextFeatures(names, idf);
    }

    int size() {
        return names.length;
    }

    String name(int column) {
        return names[column];
    }

    /** Whether the vector has a whole word (or word pair) the model was trained on, not just character n-grams. */
    boolean hasKnownWord(SparseVector vector) {
        for (int column : vector.index()) {
            if (column < names.length && names[column].charAt(0) != 'c') {
                return true;
            }
        }
        return false;
    }

    /** The message as a sparse vector, columns ascending; unknown features are ignored. */
    SparseVector vector(String[] tokens) {
        Map<Integer, float[]> words = new HashMap<>();
        Map<Integer, float[]> characters = new HashMap<>();
        forEachFeature(tokens, feature -> {
            Integer column = columns.get(feature);
            if (column != null) {
                (feature.charAt(0) == 'c' ? characters : words).computeIfAbsent(column, c -> new float[1])[0]++;
            }
        });
        int size = words.size() + characters.size();
        int[] index = new int[size];
        float[] value = new float[size];
        int at = 0;
        for (Map<Integer, float[]> block : List.of(words, characters)) {
            double norm = 0;
            int start = at;
            for (Map.Entry<Integer, float[]> entry : block.entrySet()) {
                int column = entry.getKey();
                float weight = (float) ((1 + Math.log(entry.getValue()[0])) * idf[column]);
                index[at] = column;
                value[at++] = weight;
                norm += weight * weight;
            }
            float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
            for (int i = start; i < at; i++) {
                value[i] *= scale;
            }
        }
        return SparseVector.sorted(index, value);
    }

    private static List<String> distinct(String[] tokens) {
        List<String> all = new ArrayList<>();
        forEachFeature(tokens, all::add);
        return all.stream().distinct().toList();
    }

    /** Word features start with "w"/"b", character features with "c"; the prefix keeps the blocks apart. */
    static void forEachFeature(String[] tokens, java.util.function.Consumer<String> sink) {
        for (int i = 0; i < tokens.length; i++) {
            sink.accept("w=" + tokens[i]);
            if (i + 1 < tokens.length) {
                sink.accept("b=" + tokens[i] + " " + tokens[i + 1]);
            }
            String padded = " " + tokens[i] + " ";
            for (int n = MIN_CHAR; n <= MAX_CHAR; n++) {
                for (int start = 0; start + n <= padded.length(); start++) {
                    sink.accept("c=" + padded.substring(start, start + n));
                }
                if (n >= padded.length()) {
                    break;
                }
            }
        }
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(names.length);
        for (int i = 0; i < names.length; i++) {
            out.writeUTF(names[i]);
            out.writeFloat(idf[i]);
        }
    }

    static TextFeatures read(DataInputStream in) throws IOException {
        int size = in.readInt();
        String[] names = new String[size];
        float[] idf = new float[size];
        for (int i = 0; i < size; i++) {
            names[i] = in.readUTF();
            idf[i] = in.readFloat();
        }
        return new TextFeatures(names, idf);
    }

    /** A sparse vector with ascending column indices. */
    record SparseVector(int[] index, float[] value) {

        static SparseVector sorted(int[] index, float[] value) {
            Integer[] order = new Integer[index.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Integer.compare(index[a], index[b]));
            int[] sortedIndex = new int[index.length];
            float[] sortedValue = new float[index.length];
            for (int i = 0; i < order.length; i++) {
                sortedIndex[i] = index[order[i]];
                sortedValue[i] = value[order[i]];
            }
            return new SparseVector(sortedIndex, sortedValue);
        }
    }
}
