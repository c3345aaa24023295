#!/usr/bin/python3
"""PyTorch eager training baseline for `harness bench` (run outside CI).

The training-throughput workload of `harness bench` (org.imlbench.djl.tuning.TrainingBench), in PyTorch eager mode:
an OPT-125m-shaped model with random weights (pytorch_eager.py's `Opt`, fp32), batch 4 x 256 tokens, each row one
example whose first token is the source and whose other 255 tokens are the target; one full optimizer step =
forward, mean cross-entropy over the 4 x 255 target positions, backward, global-norm clipping at 1.0
(torch.nn.utils.clip_grad_norm_) and torch.optim.AdamW (betas 0.9/0.95, eps 1e-8, no weight decay). Dropout is off
on both sides so that the same operations are timed.

  training_tokens_per_s   4 * 256 / fastest step time

The figure is the best of --repeats timed steps after one warm-up step (as pytorch_eager.py reports). The last stdout line is a JSON object;
pytorch_eager.py includes this figure in its own output, so `harness bench --baseline-command
'python3 bench/pytorch_eager.py'` shows it beside the Java figure.
"""
import argparse
import json
import sys
import time

import torch
import torch.nn.functional as F

BATCH, LENGTH = 4, 256


def parameters(model):
    """Every weight tensor of pytorch_eager.Opt, each once (lm_head is tied to the token embedding)."""
    params = [model.embed, model.positions, *model.final_ln]
    for layer in model.layers:
        for pair in layer.values():
            params.extend(pair)
    return params


def train_bench(model, vocab, repeats, seed):
    """Times full AdamW steps; returns {"training_tokens_per_s": ...}."""
    params = parameters(model)
    for p in params:
        p.requires_grad_(True)
    optimizer = torch.optim.AdamW(params, lr=1e-4, betas=(0.9, 0.95), eps=1e-8, weight_decay=0.0)
    g = torch.Generator().manual_seed(seed)
    ids = torch.randint(4, vocab, (BATCH, LENGTH), generator=g)
    ids[:, 0] = 2
    mask = torch.ones(BATCH, LENGTH, dtype=torch.long)

    def step():
        logits, _ = model.forward(ids, mask)
        loss = F.cross_entropy(logits[:, :-1].reshape(-1, logits.shape[-1]), ids[:, 1:].reshape(-1))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        return loss.item()

    step()
    seconds = []
    for _ in range(repeats):
        start = time.perf_counter()
        step()
        seconds.append(time.perf_counter() - start)
    s = min(seconds)
    print(f"training step {BATCH} x {LENGTH}: {s:.3f} s", file=sys.stderr)
    for p in params:
        p.requires_grad_(False)
    return {"training_tokens_per_s": BATCH * LENGTH / s}


def main():
    import pytorch_eager
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    model = pytorch_eager.Opt(args.seed)
    print(json.dumps(train_bench(model, pytorch_eager.VOCAB, args.repeats, args.seed)))


if __name__ == "__main__":
    main()
