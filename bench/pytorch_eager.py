#!/usr/bin/python3
"""PyTorch eager baseline for `harness bench` (run outside CI).

The same workloads as `harness bench`, on an OPT-125m-shaped model with random weights, written op by op as
Hugging Face's OPTForCausalLM computes it in eager mode (fp32, no torch.compile, no fused attention):

  scoring_tokens_per_s           8 sequences x 256 tokens: one forward, log_softmax over every position
  mc_per_option_instances_per_s  8 instances, 256-token contexts, 4 options of 1..8 tokens, each option run with
                                 its whole context (lm-evaluation-harness's loglikelihood), batches of 8
  generate_b1_tokens_per_s       greedy, 32-token prompt, 64 new tokens, key/value cache, batch 1
  generate_b8_tokens_per_s       the same with 8 prompts
  training_tokens_per_s          4 x 256 tokens: forward, loss, backward, clipping, AdamW step (pytorch_train.py)
  peak_rss_mib                   ru_maxrss

Each figure is the best of --repeats timed runs after one warm-up run (as `harness bench` reports). The last stdout line is a JSON object
with these keys, which `harness bench --baseline-command 'python3 bench/pytorch_eager.py'` reads.

Setup on Debian: apt-get install -y python3-torch libopenblas0-pthread; run it with /usr/bin/python3 (Debian's
interpreter, where that torch lives).
"""
import argparse
import json
import resource
import sys
import time

import torch
import torch.nn.functional as F

VOCAB, HIDDEN, LAYERS, HEADS, FFN, POSITIONS = 50272, 768, 12, 12, 3072, 2048


class Opt:
    """OPT-125m with random weights (normal, std 0.02; LayerNorm 1/0), pre-LayerNorm, ReLU, tied lm_head."""

    def __init__(self, seed):
        g = torch.Generator().manual_seed(seed)

        def normal(*shape):
            return torch.randn(*shape, generator=g) * 0.02

        self.embed = normal(VOCAB, HIDDEN)
        self.positions = normal(POSITIONS + 2, HIDDEN)
        self.layers = []
        for _ in range(LAYERS):
            self.layers.append({
                "q": (normal(HIDDEN, HIDDEN), torch.zeros(HIDDEN)),
                "k": (normal(HIDDEN, HIDDEN), torch.zeros(HIDDEN)),
                "v": (normal(HIDDEN, HIDDEN), torch.zeros(HIDDEN)),
                "o": (normal(HIDDEN, HIDDEN), torch.zeros(HIDDEN)),
                "ln1": (torch.ones(HIDDEN), torch.zeros(HIDDEN)),
                "fc1": (normal(FFN, HIDDEN), torch.zeros(FFN)),
                "fc2": (normal(HIDDEN, FFN), torch.zeros(HIDDEN)),
                "ln2": (torch.ones(HIDDEN), torch.zeros(HIDDEN)),
            })
        self.final_ln = (torch.ones(HIDDEN), torch.zeros(HIDDEN))

    def forward(self, ids, mask, past=None):
        """ids [B, T]; mask [B, P + T] (1 real, 0 pad); past: list of (k, v) [B, H, P, d]. Returns logits, cache."""
        b, t = ids.shape
        p = 0 if past is None else past[0][0].shape[2]
        positions = (torch.cumsum(mask, dim=1) * mask - 1).clamp(min=0)[:, p:] + 2
        h = F.embedding(ids, self.embed) + F.embedding(positions, self.positions)
        causal = torch.ones(t, p + t, dtype=torch.bool).tril(diagonal=p)
        allowed = causal[None, :, :] & mask[:, None, :].bool()
        bias = torch.zeros(b, 1, t, p + t).masked_fill(~allowed[:, None], torch.finfo(torch.float32).min)
        d = HIDDEN // HEADS
        cache = []
        for i, w in enumerate(self.layers):
            residual = h
            x = F.layer_norm(h, (HIDDEN,), *w["ln1"], eps=1e-5)
            q = (F.linear(x, *w["q"]) * d ** -0.5).view(b, t, HEADS, d).transpose(1, 2)
            k = F.linear(x, *w["k"]).view(b, t, HEADS, d).transpose(1, 2)
            v = F.linear(x, *w["v"]).view(b, t, HEADS, d).transpose(1, 2)
            if past is not None:
                k = torch.cat([past[i][0], k], dim=2)
                v = torch.cat([past[i][1], v], dim=2)
            cache.append((k, v))
            scores = torch.matmul(q, k.transpose(2, 3)) + bias
            probs = torch.softmax(scores, dim=-1, dtype=torch.float32)
            ctx = torch.matmul(probs, v).transpose(1, 2).reshape(b, t, HIDDEN)
            h = residual + F.linear(ctx, *w["o"])
            residual = h
            x = F.layer_norm(h, (HIDDEN,), *w["ln2"], eps=1e-5)
            h = residual + F.linear(F.relu(F.linear(x, *w["fc1"])), *w["fc2"])
        h = F.layer_norm(h, (HIDDEN,), *self.final_ln, eps=1e-5)
        return F.linear(h, self.embed), cache


def tokens(g, n):
    ids = torch.randint(4, VOCAB, (n,), generator=g)
    ids[0] = 2
    return ids


def score(model, seqs, option_lengths):
    """lm-eval style: right-padded batch, logits and log_softmax for every position, pick the option tokens."""
    width = max(len(s) for s in seqs) - 1
    ids = torch.ones(len(seqs), width, dtype=torch.long)
    mask = torch.zeros(len(seqs), width, dtype=torch.long)
    targets = torch.zeros(len(seqs), width, dtype=torch.long)
    for r, s in enumerate(seqs):
        ids[r, :len(s) - 1] = s[:-1]
        targets[r, :len(s) - 1] = s[1:]
        mask[r, :len(s) - 1] = 1
    logits, _ = model.forward(ids, mask)
    picked = torch.log_softmax(logits, dim=-1).gather(2, targets[:, :, None])[:, :, 0]
    return [picked[r, len(s) - 1 - n:len(s) - 1].sum().item() for r, (s, n) in enumerate(zip(seqs, option_lengths))]


def generate(model, prompts, new_tokens):
    """Greedy with a key/value cache, left padding; always new_tokens steps (random weights: no EOS check)."""
    width = max(len(p) for p in prompts)
    ids = torch.ones(len(prompts), width, dtype=torch.long)
    mask = torch.zeros(len(prompts), width, dtype=torch.long)
    for r, p in enumerate(prompts):
        ids[r, width - len(p):] = p
        mask[r, width - len(p):] = 1
    logits, cache = model.forward(ids, mask)
    out = []
    for _ in range(new_tokens):
        nxt = logits[:, -1, :].argmax(dim=-1)
        out.append(nxt)
        mask = torch.cat([mask, torch.ones(len(prompts), 1, dtype=torch.long)], dim=1)
        logits, cache = model.forward(nxt[:, None], mask, cache)
    return torch.stack(out, dim=1)


def timed(repeats, work):
    work()
    seconds = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        seconds.append(time.perf_counter() - start)
    return min(seconds)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    g = torch.Generator().manual_seed(args.seed)
    model = Opt(args.seed)
    results = {}
    with torch.no_grad():
        seqs = [tokens(g, 256) for _ in range(8)]
        s = timed(args.repeats, lambda: score(model, seqs, [255] * 8))
        results["scoring_tokens_per_s"] = 8 * 256 / s
        print(f"scoring 8 x 256: {s:.3f} s", file=sys.stderr)

        mc, lengths = [], []
        for _ in range(8):
            context = tokens(g, 256)
            for _ in range(4):
                n = int(torch.randint(1, 9, (1,), generator=g))
                option = torch.randint(4, VOCAB, (n,), generator=g)
                mc.append(torch.cat([context, option]))
                lengths.append(n)

        def per_option():
            for i in range(0, len(mc), 8):
                score(model, mc[i:i + 8], lengths[i:i + 8])

        s = timed(args.repeats, per_option)
        results["mc_per_option_instances_per_s"] = 8 / s
        print(f"multiple choice, per option: {s:.3f} s", file=sys.stderr)

        for batch in (1, 8):
            prompts = [tokens(g, 32) for _ in range(batch)]
            s = timed(args.repeats, lambda: generate(model, prompts, 64))
            results[f"generate_b{batch}_tokens_per_s"] = batch * 64 / s
            print(f"greedy generation, batch {batch}: {s:.3f} s", file=sys.stderr)
    # training throughput (bench/pytorch_train.py): last, because it turns gradients on for the weights
    import pytorch_train
    results.update(pytorch_train.train_bench(model, VOCAB, args.repeats, args.seed))
    results["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    results["torch_version"] = torch.__version__
    print(json.dumps(results))


if __name__ == "__main__":
    main()
