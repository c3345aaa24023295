package org.imlbench.djl.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imlbench.api.GenerateRequest;
import org.imlbench.api.ScoreRequest;
import org.imlbench.hf.tokenizer.Tokenizer;

/**
 * Turns text requests into token work the way lm-evaluation-harness does, so scores are comparable:
 * trailing whitespace of the context moves to the continuation; the joined text is encoded with BOS; the
 * continuation is the last {@code len(enc(context + continuation)) - len(enc(context))} tokens and the context the
 * rest. Options whose context tokens come out identical share one {@link ScoreUnit}. Sequences longer than the
 * model's positions lose their oldest context tokens.
 */
public final class RequestTokenizer {
    private final Tokenizer tokenizer;
    private final int maxPositions;

    /**
     * @param tokenizer the model's tokenizer
     * @param maxPositions the model's learned positions
     */
    public RequestTokenizer(Tokenizer tokenizer, int maxPositions) {
        this.tokenizer = tokenizer;
        this.maxPositions = maxPositions;
    }

    /**
     * Context and continuation ids as the model sees the joined text.
     *
     * @param context the context ids, BOS first (unless cut to fit the positions)
     * @param continuation the continuation ids (scored)
     */
    public record Split(int[] context, int[] continuation) {
    }

    /**
     * Score requests as units, and where each continuation went.
     *
     * @param units the work, shared contexts grouped
     * @param unitOf per request, per continuation, the index of its unit
     * @param slotOf per request, per continuation, its index within the unit's continuations
     */
    public record Plan(List<ScoreUnit> units, int[][] unitOf, int[][] slotOf) {
    }

    /**
     * @param requests score requests
     * @return their token plan
     */
    public Plan plan(List<ScoreRequest> requests) {
        List<ScoreUnit> units = new ArrayList<>();
        int[][] unitOf = new int[requests.size()][];
        int[][] slotOf = new int[requests.size()][];
        for (int q = 0; q < requests.size(); q++) {
            ScoreRequest request = requests.get(q);
            Map<String, Integer> byContext = new LinkedHashMap<>();
            Map<Integer, List<int[]>> continuations = new LinkedHashMap<>();
            Map<Integer, int[]> contexts = new LinkedHashMap<>();
            int n = request.continuations().size();
            unitOf[q] = new int[n];
            slotOf[q] = new int[n];
            for (int c = 0; c < n; c++) {
                Split split = split(request.context(), request.continuations().get(c));
                String key = Arrays.toString(split.context());
                Integer local = byContext.get(key);
                if (local == null) {
                    local = byContext.size();
                    byContext.put(key, local);
                    contexts.put(local, split.context());
                    continuations.put(local, new ArrayList<>());
                }
                unitOf[q][c] = units.size() + local;
                slotOf[q][c] = continuations.get(local).size();
                continuations.get(local).add(split.continuation());
            }
            for (int local = 0; local < byContext.size(); local++) {
                units.add(new ScoreUnit(contexts.get(local), continuations.get(local)));
            }
        }
        return new Plan(units, unitOf, slotOf);
    }

    /**
     * @param context the conditioning text
     * @param continuation the scored text
     * @return the context and continuation ids, fitted to the model's positions
     */
    public Split split(String context, String continuation) {
        String ctx = context;
        String cont = continuation;
        int trailing = ctx.length() - ctx.stripTrailing().length();
        if (trailing > 0) {
            cont = ctx.substring(ctx.length() - trailing) + cont;
            ctx = ctx.substring(0, ctx.length() - trailing);
        }
        List<Integer> whole = tokenizer.encodeWithBos(ctx + cont);
        int contextLength = tokenizer.encodeWithBos(ctx).size();
        int n = whole.size() - contextLength;
        if (n < 1 && !cont.isEmpty()) {
            // The continuation merged into the context's last token: score that token rather than nothing.
            n = Math.min(1, whole.size() - 1);
        }
        n = Math.max(0, n);
        int[] all = whole.stream().mapToInt(Integer::intValue).toArray();
        int[] contIds = Arrays.copyOfRange(all, all.length - n, all.length);
        if (contIds.length >= maxPositions) {
            throw new IllegalArgumentException("continuation of " + contIds.length + " tokens does not fit the model's "
                    + maxPositions + " positions");
        }
        int keep = Math.min(all.length - n, maxPositions - n);
        int[] ctxIds = Arrays.copyOfRange(all, all.length - n - keep, all.length - n);
        return new Split(ctxIds, contIds);
    }

    /**
     * @param request a generation request
     * @return its prompt ids (BOS first) and limits
     */
    public GenerationPrompt prompt(GenerateRequest request) {
        int[] ids = tokenizer.encodeWithBos(request.prompt()).stream().mapToInt(Integer::intValue).toArray();
        return new GenerationPrompt(ids, request.maxNewTokens(), request.stopSequences());
    }
}
