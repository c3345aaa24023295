package org.imlbench.rundir;

import org.imlbench.api.UsageException;

/**
 * One of {@code count} parts of an evaluation ({@code --shard index/count}): each shard evaluates a disjoint part of
 * the instances and writes a normal run directory; {@link ShardMerger} joins them into the run an unsharded
 * evaluation would have written. Recorded as {@code "shard": {"index": 2, "count": 3}} in run.json's config.
 *
 * @param index which part, 1 to {@code count}
 * @param count how many parts
 */
public record Shard(int index, int count) {
    /** Checks the range. */
    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new UsageException("--shard " + index + "/" + count + ": expected K/N with 1 <= K <= N");
        }
    }

    /**
     * @param text {@code K/N}, e.g. {@code 2/3}
     * @return the shard
     * @throws UsageException when the text is not of that form or out of range
     */
    public static Shard parse(String text) {
        String[] parts = text.strip().split("/");
        if (parts.length != 2) {
            throw new UsageException("--shard " + text + ": expected K/N, e.g. 2/3");
        }
        try {
            return new Shard(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
        } catch (NumberFormatException e) {
            throw new UsageException("--shard " + text + ": expected K/N with whole numbers, e.g. 2/3");
        }
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
