#!/usr/bin/env python3
"""Throughput of the torchrun backend's trainer on one GPU (world size 1, bfloat16, FSDP), in tokens/s and MFU.

Meant for a lent single-H200 machine with PyTorch >= 2.0 and no JDK: it needs only this repository's
plugins/torchrun/src/main/resources/org/imlbench/torchrun/trainer.py (imported by path, for its checkpoint writer),
torch and numpy.

    python3 bench/torchrun_gpu.py                         # opt-125m and opt-1.3b shapes, 8 x 2048 tokens per step
    python3 bench/torchrun_gpu.py --shapes opt-1.3b --steps 20 --activation-checkpointing
    python3 bench/torchrun_gpu.py --check                 # also the first 10 losses of a float32 run on the same data
    python3 bench/torchrun_gpu.py --data DATA             # the windows of a DATA dir prepared elsewhere
    python3 bench/torchrun_gpu.py --tiny                  # a few seconds on a CPU: proves the script runs

For each shape it writes, under --work (default a temporary directory):

- ``<shape>/base``: a Hugging Face checkpoint (config.json, float32 model.safetensors) with Hugging Face's
  initialisation (normal(0, 0.02) weights, zero biases, unit LayerNorms) drawn from numpy's PCG64 with --seed, so the
  same command gives the same weights on any machine;
- ``<shape>/data``: a DATA directory of random windows packed like the Java side packs them (whole examples of
  BOS + source and target + EOS, greedily, right-padded), or links to the shards of --data;
- ``<shape>/bf16``: the trainer's output (``progress.jsonl``, ``logs/``, ``model/``).

Reported per shape: steady tokens/s (real tokens of steps 3.. over their wall time; the first two steps pay for CUDA
start-up and allocator growth), and MFU = (6 N + 12 L d T) x tokens/s / peak, with N every parameter but the
position table (the tied embedding counts once, as the output projection), 12 L d T PaLM's attention FLOPs per token
at window T, and peak 989e12 (H200 dense BF16; --peak-flops). The trainer projects only target positions through the
vocabulary and its attention is block-diagonal, so this convention counts some work that is skipped: it is the
comparable figure, not the executed one. The last stdout line is one JSON object with every figure.

--check also trains float32 for 10 steps on the same data and prints both loss curves; with --reference
PROGRESS.jsonl (a float32 run of the same shape, seed and data on a CPU, e.g. ``--tiny --check`` here) it prints the
largest difference from it.
"""
import argparse
import importlib.util
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
TRAINER = os.path.join(HERE, "..", "plugins", "torchrun", "src", "main", "resources", "org", "imlbench", "torchrun",
                       "trainer.py")

SHAPES = {
    # hidden, layers, heads, ffn: facebook/opt-125m and facebook/opt-1.3b
    "opt-125m": dict(hidden_size=768, num_layers=12, num_heads=12, ffn_dim=3072),
    "opt-1.3b": dict(hidden_size=2048, num_layers=24, num_heads=32, ffn_dim=8192),
    "tiny": dict(hidden_size=64, num_layers=2, num_heads=4, ffn_dim=128),
}


def load_trainer():
    spec = importlib.util.spec_from_file_location("imlbench_trainer", os.path.abspath(TRAINER))
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module          # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def write_base(trainer, directory, shape, vocab, max_positions, seed):
    """A random checkpoint initialised as Hugging Face's OPTPreTrainedModel._init_weights does."""
    config = trainer.OptConfig(vocab_size=vocab, max_positions=max_positions, word_embed_proj_dim=shape["hidden_size"],
                               **shape)
    rng = np.random.default_rng(seed)
    tensors = {}
    for name, dims in trainer.parameter_shapes(config).items():
        if "layer_norm" in name:
            values = np.ones(dims, np.float32) if name.endswith(".weight") else np.zeros(dims, np.float32)
        elif name.endswith(".bias"):
            values = np.zeros(dims, np.float32)
        else:
            values = rng.standard_normal(dims, dtype=np.float32) * np.float32(0.02)
            if name == "decoder.embed_tokens.weight":
                values[config.pad_token_id] = 0.0
        tensors[name] = trainer.torch.from_numpy(values)
    trainer.write_checkpoint(directory, config, tensors, None)
    return config


def write_random_data(directory, base, output, recipe, seed, vocab, **request):
    """Windows of whole random examples (source 16-512 tokens, target 8-256), packed greedily."""
    rng = np.random.default_rng(seed + 1)
    steps, batch, seq = recipe["steps"], recipe["batch_size"], recipe["max_seq_len"]
    ids = np.full((steps * batch, seq), 1, np.int32)
    seg = np.zeros_like(ids)
    labels = np.full_like(ids, -100)
    row, offset, segment = 0, 0, 0
    while row < steps * batch:
        source = min(int(rng.integers(16, 513)), seq // 2)
        target = min(int(rng.integers(8, 257)), seq // 2)
        length = source + target
        if offset + length > seq:
            row, offset, segment = row + 1, 0, 0
            continue
        tokens = rng.integers(3, vocab, length).astype(np.int32)
        tokens[0] = 2                                        # BOS
        tokens[-1] = 2                                       # EOS
        segment += 1
        ids[row, offset:offset + length] = tokens
        seg[row, offset:offset + length] = segment
        labels[row, offset + source - 1:offset + length - 1] = tokens[source:]
        offset += length
    os.makedirs(directory, exist_ok=True)
    for kind, array in (("input_ids", ids), ("segment_ids", seg), ("labels", labels)):
        np.save(os.path.join(directory, f"shard-00000.{kind}.npy"), array.reshape(steps, batch, seq))
    write_request(directory, base, output, recipe, [{"name": "shard-00000", "first_step": 1, "steps": steps}],
                  **request)


def link_data(source, directory, base, output, recipe, **request):
    """A DATA dir over the shards of one prepared elsewhere (its recipe's shape, this machine's paths)."""
    with open(os.path.join(source, "request.json"), encoding="utf-8") as f:
        prepared = json.load(f)
    os.makedirs(directory, exist_ok=True)
    for shard in prepared["shards"]:
        for kind in ("input_ids", "segment_ids", "labels"):
            name = f"{shard['name']}.{kind}.npy"
            os.symlink(os.path.abspath(os.path.join(source, name)), os.path.join(directory, name))
    recipe = dict(recipe, **{k: prepared["recipe"][k] for k in ("steps", "batch_size", "max_seq_len")})
    write_request(directory, base, output, recipe, prepared["shards"], **request)
    return recipe


def write_request(directory, base, output, recipe, shards, precision, activation_checkpointing):
    request = {"format": "imlbench-torchrun/1", "base": os.path.abspath(base), "output": os.path.abspath(output),
               "recipe": recipe, "pad_id": 1, "precision": precision,
               "activation_checkpointing": activation_checkpointing, "shards": shards}
    with open(os.path.join(directory, "request.json"), "w", encoding="utf-8") as f:
        json.dump(request, f, indent=1)


def with_request(directory, copy, **changes):
    """A second DATA dir over the same shards with request fields changed (precision, steps, output)."""
    shutil.rmtree(copy, ignore_errors=True)
    os.makedirs(copy, exist_ok=True)
    with open(os.path.join(directory, "request.json"), encoding="utf-8") as f:
        request = json.load(f)
    for name in os.listdir(directory):
        if name.endswith(".npy"):
            os.symlink(os.path.realpath(os.path.join(directory, name)), os.path.join(copy, name))
    steps = changes.pop("steps", None)
    if steps is not None:
        request["recipe"]["steps"] = steps
        shards, first = [], 1
        for shard in request["shards"]:
            if first > steps:
                break
            shards.append(dict(shard, steps=min(shard["steps"], steps - first + 1)))
            first += shard["steps"]
        request["shards"] = shards
    request.update(changes)
    with open(os.path.join(copy, "request.json"), "w", encoding="utf-8") as f:
        json.dump(request, f, indent=1)
    return copy


def train(data, output, timeout):
    """Runs the trainer in its own process (world size 1, no launcher) and returns its progress lines."""
    shutil.rmtree(output, ignore_errors=True)
    result = subprocess.run([sys.executable, TRAINER, "--data", data], capture_output=True, text=True,
                            timeout=timeout)
    if result.returncode != 0:
        raise SystemExit(f"trainer failed on {data}: {result.stderr.strip().splitlines()[0] if result.stderr else ''}")
    with open(os.path.join(output, "progress.jsonl"), encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def flops_per_token(trainer, config, seq):
    n = sum(math.prod(dims) for name, dims in trainer.parameter_shapes(config).items()
            if name != "decoder.embed_positions.weight")
    return 6 * n + 12 * config.num_layers * config.hidden_size * seq, n


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shapes", default="opt-125m,opt-1.3b", help="comma-separated: " + ", ".join(SHAPES))
    parser.add_argument("--steps", type=int, default=12)
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--grad-accumulation", type=int, default=1)
    parser.add_argument("--seq", type=int, default=2048)
    parser.add_argument("--activation-checkpointing", action="store_true")
    parser.add_argument("--data", help="a DATA dir prepared elsewhere: its windows replace the random ones")
    parser.add_argument("--check", action="store_true", help="also 10 float32 steps on the same data")
    parser.add_argument("--reference", help="progress.jsonl of a float32 CPU run to compare --check with")
    parser.add_argument("--peak-flops", type=float, default=989e12, help="the device's dense BF16 peak")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", help="where checkpoints, data and outputs go (default: a temporary directory)")
    parser.add_argument("--timeout", type=int, default=3600, help="seconds per trainer run")
    parser.add_argument("--tiny", action="store_true", help="a tiny shape, float32, for a CPU")
    args = parser.parse_args()
    trainer = load_trainer()
    cuda = trainer.torch.cuda.is_available()
    if args.tiny:
        args.shapes, args.steps, args.batch_size, args.seq = "tiny", 4, 4, 128
    elif not cuda:
        raise SystemExit("no CUDA device: run with --tiny on a CPU")
    precision = "bfloat16" if cuda else "float32"
    work = args.work or tempfile.mkdtemp(prefix="torchrun-bench-")
    vocab = 50272
    report = {"device": trainer.torch.cuda.get_device_name() if cuda else "cpu", "torch": trainer.torch.__version__,
              "precision": precision, "peak_flops": args.peak_flops, "shapes": {}}
    for name in args.shapes.split(","):
        root = os.path.join(work, name)
        recipe = dict(steps=args.steps, batch_size=args.batch_size, grad_accumulation=args.grad_accumulation,
                      max_seq_len=args.seq, lr=5e-5, warmup_steps=2, beta1=0.9, beta2=0.95, eps=1e-8,
                      weight_decay=0.0, grad_clip=1.0, dropout=0.1, seed=args.seed, checkpoint_every=0)
        data, output = os.path.join(root, "data"), os.path.join(root, precision)
        shutil.rmtree(data, ignore_errors=True)
        request = dict(precision=precision, activation_checkpointing=args.activation_checkpointing)
        if args.data:
            recipe = link_data(args.data, data, os.path.join(root, "base"), output, recipe, **request)
        else:
            write_random_data(data, os.path.join(root, "base"), output, recipe, args.seed, vocab, **request)
        config = write_base(trainer, os.path.join(root, "base"), SHAPES[name], vocab, max(recipe["max_seq_len"], 2048),
                            args.seed)
        points = train(data, output, args.timeout)
        steady = points[2:] or points
        real = [real_tokens(data, p["step"]) for p in steady]
        tokens_per_second = sum(real) / sum(r / p["tokens_per_second"] for r, p in zip(real, steady))
        per_token, n = flops_per_token(trainer, config, recipe["max_seq_len"])
        figures = {"parameters": n, "flops_per_token": per_token, "tokens_per_second": tokens_per_second,
                   "mfu": per_token * tokens_per_second / args.peak_flops, "losses": [p["loss"] for p in points[:10]]}
        print(f"{name}: {tokens_per_second:,.0f} tokens/s, MFU {100 * figures['mfu']:.1f}% "
              f"({n / 1e6:.0f}M parameters, {per_token / 1e9:.2f} GFLOP/token, {precision}, "
              f"{recipe['batch_size']} x {recipe['max_seq_len']} per step)", flush=True)
        if args.check:
            check = with_request(data, data + "-float32", precision="float32", steps=min(10, recipe["steps"]),
                                 output=os.path.abspath(os.path.join(root, "float32")))
            reference = train(check, os.path.join(root, "float32"), args.timeout)
            figures["float32_losses"] = [p["loss"] for p in reference]
            print(f"  first losses, {precision} vs float32:")
            for p, q in zip(points, reference):
                print(f"  step {p['step']:3d}  {p['loss']:.6f}  {q['loss']:.6f}")
            if args.reference:
                with open(args.reference, encoding="utf-8") as f:
                    cpu = [json.loads(line)["loss"] for line in f][:len(reference)]
                figures["max_abs_vs_reference"] = max(abs(a - b) for a, b in zip(figures["float32_losses"], cpu))
                print(f"  float32 vs {args.reference}: largest difference {figures['max_abs_vs_reference']:.2e}")
        report["shapes"][name] = figures
    print(json.dumps(report))


def real_tokens(data, step):
    """Real (non-padding) tokens of a step's global batch, from the shard that holds it."""
    with open(os.path.join(data, "request.json"), encoding="utf-8") as f:
        shards = json.load(f)["shards"]
    for shard in shards:
        if shard["first_step"] <= step < shard["first_step"] + shard["steps"]:
            seg = np.load(os.path.join(data, f"{shard['name']}.segment_ids.npy"), mmap_mode="r")
            return int((seg[step - shard["first_step"]] != 0).sum())
    raise ValueError(f"no shard holds step {step}")


if __name__ == "__main__":
    main()
