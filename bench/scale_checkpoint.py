#!/usr/bin/python3
"""Large-checkpoint memory benchmark: an OPT-1.3B-shaped random checkpoint in three layouts, and PyTorch's peer.

  make   writes OPT-1.3B-shaped random weights (vocab 50272, hidden 2048, 24 layers, FFN 8192; 1.316 B parameters,
         5.26 GB as float32) into OUT/safetensors (one float32 model.safetensors), OUT/sharded-bf16
         (model.safetensors.index.json and bfloat16 shards of about 1 GB) and OUT/bin (a float32 pytorch_model.bin
         written by torch.save, with lm_head.weight tied to the token embedding as save_pretrained leaves it). Each
         directory gets config.json and the GPT-2 tokenizer files copied from --tokenizer. Tensors are generated and
         written one at a time (the .bin layout needs the whole state_dict in memory for torch.save).
  score  the PyTorch peer of `harness score`: loads a checkpoint directory the way PyTorch users do -- torch.load
         for pytorch_model.bin; for safetensors (no `safetensors` package here) what safetensors.torch.load_file
         does: map the file, and copy each tensor out of the mapping -- widens every tensor to float32, then scores
         the continuation given as token ids (--context-ids, --continuation-ids: take them from `harness score
         --json`) with an op-by-op OPT forward (pre-LayerNorm, ReLU, tied output projection, as in
         pytorch_eager.py). Prints one JSON line: log_likelihood, load_seconds, peak_rss_mib (ru_maxrss).

Run it with Debian's /usr/bin/python3 (torch 1.13, numpy). See bench/checkpoint_memory.sh for the whole measurement.
"""
import argparse
import json
import mmap
import os
import resource
import shutil
import struct
import sys
import time
import zlib

import numpy as np
import torch
import torch.nn.functional as F

VOCAB, HIDDEN, LAYERS, HEADS, FFN, POSITIONS = 50272, 2048, 24, 32, 8192, 2048
TOKENIZER_FILES = ["vocab.json", "merges.txt", "tokenizer_config.json", "special_tokens_map.json"]


def config(dtype):
    return {
        "architectures": ["OPTForCausalLM"], "model_type": "opt", "activation_function": "relu",
        "attention_dropout": 0.0, "dropout": 0.1, "bos_token_id": 2, "eos_token_id": 2, "pad_token_id": 1,
        "do_layer_norm_before": True, "enable_bias": True, "layer_norm_elementwise_affine": True,
        "hidden_size": HIDDEN, "ffn_dim": FFN, "num_hidden_layers": LAYERS, "num_attention_heads": HEADS,
        "word_embed_proj_dim": HIDDEN, "max_position_embeddings": POSITIONS, "vocab_size": VOCAB,
        "init_std": 0.02, "layerdrop": 0.0, "torch_dtype": dtype, "use_cache": True, "prefix": "</s>",
    }


def shapes():
    """HF OPTForCausalLM names and shapes, in save_pretrained's order."""
    out = [("model.decoder.embed_tokens.weight", (VOCAB, HIDDEN)),
           ("model.decoder.embed_positions.weight", (POSITIONS + 2, HIDDEN))]
    for i in range(LAYERS):
        p = f"model.decoder.layers.{i}."
        for proj in ("k_proj", "v_proj", "q_proj", "out_proj"):
            out += [(p + f"self_attn.{proj}.weight", (HIDDEN, HIDDEN)), (p + f"self_attn.{proj}.bias", (HIDDEN,))]
        out += [(p + "self_attn_layer_norm.weight", (HIDDEN,)), (p + "self_attn_layer_norm.bias", (HIDDEN,)),
                (p + "fc1.weight", (FFN, HIDDEN)), (p + "fc1.bias", (FFN,)),
                (p + "fc2.weight", (HIDDEN, FFN)), (p + "fc2.bias", (HIDDEN,)),
                (p + "final_layer_norm.weight", (HIDDEN,)), (p + "final_layer_norm.bias", (HIDDEN,))]
    out += [("model.decoder.final_layer_norm.weight", (HIDDEN,)), ("model.decoder.final_layer_norm.bias", (HIDDEN,))]
    return out


def values(name, shape, seed):
    """Hugging Face's _init_weights: weights normal(0, 0.02) (padding row 1 of the embedding zero), biases 0,
    LayerNorm weight 1. Each tensor has its own generator, so every layout gets the same values."""
    if name.endswith("layer_norm.weight"):
        return np.ones(shape, dtype=np.float32)
    if name.endswith(".bias"):
        return np.zeros(shape, dtype=np.float32)
    rng = np.random.default_rng([seed, zlib.crc32(name.encode())])
    v = rng.standard_normal(shape, dtype=np.float32)
    v *= np.float32(0.02)
    if name.endswith("embed_tokens.weight"):
        v[1] = 0
    return v


def to_bf16_bytes(v):
    """Round to nearest even, as torch's .to(torch.bfloat16) does."""
    bits = v.view(np.uint32).astype(np.uint64)
    rounded = ((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16).astype(np.uint16)
    return rounded.tobytes()


def write_safetensors(path, entries):
    """entries: list of (name, dtype, shape, nbytes, producer); writes the header, then each tensor in turn."""
    header, offset = {}, 0
    for name, dtype, shape, nbytes, _ in entries:
        header[name] = {"dtype": dtype, "shape": list(shape), "data_offsets": [offset, offset + nbytes]}
        offset += nbytes
    blob = json.dumps(header, separators=(",", ":")).encode()
    blob += b" " * (-len(blob) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(blob)))
        f.write(blob)
        for _, _, _, _, produce in entries:
            f.write(produce())


def prepare(dir_, dtype, tokenizer):
    os.makedirs(dir_, exist_ok=True)
    with open(os.path.join(dir_, "config.json"), "w") as f:
        json.dump(config(dtype), f, indent=1)
    for name in TOKENIZER_FILES:
        shutil.copy(os.path.join(tokenizer, name), os.path.join(dir_, name))


def make(args):
    seed, layouts = args.seed, args.layouts.split(",")
    spec = shapes()
    if "safetensors" in layouts:
        d = os.path.join(args.out, "safetensors")
        prepare(d, "float32", args.tokenizer)
        write_safetensors(os.path.join(d, "model.safetensors"), [
            (n, "F32", s, 4 * int(np.prod(s)), lambda n=n, s=s: values(n, s, seed).tobytes()) for n, s in spec])
        print("wrote", d, file=sys.stderr)
    if "sharded-bf16" in layouts:
        d = os.path.join(args.out, "sharded-bf16")
        prepare(d, "bfloat16", args.tokenizer)
        shards, current, size = [], [], 0
        for n, s in spec:
            nbytes = 2 * int(np.prod(s))
            if current and size + nbytes > args.shard_bytes:
                shards.append(current)
                current, size = [], 0
            current.append((n, s, nbytes))
            size += nbytes
        shards.append(current)
        weight_map, total = {}, 0
        for k, shard in enumerate(shards):
            file = f"model-{k + 1:05d}-of-{len(shards):05d}.safetensors"
            write_safetensors(os.path.join(d, file), [
                (n, "BF16", s, nb, lambda n=n, s=s: to_bf16_bytes(values(n, s, seed))) for n, s, nb in shard])
            for n, _, nb in shard:
                weight_map[n] = file
                total += nb
        with open(os.path.join(d, "model.safetensors.index.json"), "w") as f:
            json.dump({"metadata": {"total_size": total}, "weight_map": weight_map}, f, indent=1)
        print("wrote", d, file=sys.stderr)
    if "bin" in layouts:
        d = os.path.join(args.out, "bin")
        prepare(d, "float32", args.tokenizer)
        state = {n: torch.from_numpy(values(n, s, seed)) for n, s in spec}
        state["lm_head.weight"] = state["model.decoder.embed_tokens.weight"]
        torch.save(state, os.path.join(d, "pytorch_model.bin"))
        print("wrote", d, file=sys.stderr)


def load_safetensors(path, state):
    """What safetensors.torch.load_file does: map the file, copy each tensor out of the mapping."""
    with open(path, "rb") as f:
        mapped = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    (n,) = struct.unpack("<Q", mapped[:8])
    header = json.loads(mapped[8:8 + n])
    start = 8 + n
    types = {"F32": (torch.float32, 4), "BF16": (torch.bfloat16, 2), "F16": (torch.float16, 2)}
    t = None
    for name, e in header.items():
        if name == "__metadata__":
            continue
        b, end = e["data_offsets"]
        dtype, size = types[e["dtype"]]
        t = torch.frombuffer(mapped, dtype=dtype, count=(end - b) // size, offset=start + b).reshape(e["shape"])
        state[name] = t.float() if t.dtype != torch.float32 else t.clone()
    del t
    mapped.close()


def load(dir_):
    state = {}
    index = os.path.join(dir_, "model.safetensors.index.json")
    if os.path.exists(index):
        with open(index) as f:
            for shard in sorted(set(json.load(f)["weight_map"].values())):
                load_safetensors(os.path.join(dir_, shard), state)
    elif os.path.exists(os.path.join(dir_, "model.safetensors")):
        load_safetensors(os.path.join(dir_, "model.safetensors"), state)
    else:
        loaded = torch.load(os.path.join(dir_, "pytorch_model.bin"), map_location="cpu")
        for name, t in loaded.items():
            state[name] = t if t.dtype == torch.float32 else t.float()
        del loaded
    return {k[len("model."):] if k.startswith("model.") else k: v for k, v in state.items()}


def log_likelihood(w, context, continuation):
    """Summed log-probability of the continuation ids after the context ids (one sequence, no padding)."""
    ids = torch.tensor([context + continuation])
    t = ids.shape[1]
    d = HIDDEN // HEADS
    h = F.embedding(ids, w["decoder.embed_tokens.weight"]) + \
        F.embedding(torch.arange(t)[None] + 2, w["decoder.embed_positions.weight"])
    bias = torch.full((t, t), torch.finfo(torch.float32).min).triu(1)
    for i in range(LAYERS):
        p = f"decoder.layers.{i}."
        x = F.layer_norm(h, (HIDDEN,), w[p + "self_attn_layer_norm.weight"], w[p + "self_attn_layer_norm.bias"])
        q = (F.linear(x, w[p + "self_attn.q_proj.weight"], w[p + "self_attn.q_proj.bias"]) * d ** -0.5)
        k = F.linear(x, w[p + "self_attn.k_proj.weight"], w[p + "self_attn.k_proj.bias"])
        v = F.linear(x, w[p + "self_attn.v_proj.weight"], w[p + "self_attn.v_proj.bias"])
        q, k, v = (z.view(1, t, HEADS, d).transpose(1, 2) for z in (q, k, v))
        probs = torch.softmax(q @ k.transpose(2, 3) + bias, dim=-1)
        a = (probs @ v).transpose(1, 2).reshape(1, t, HIDDEN)
        h = h + F.linear(a, w[p + "self_attn.out_proj.weight"], w[p + "self_attn.out_proj.bias"])
        x = F.layer_norm(h, (HIDDEN,), w[p + "final_layer_norm.weight"], w[p + "final_layer_norm.bias"])
        h = h + F.linear(F.relu(F.linear(x, w[p + "fc1.weight"], w[p + "fc1.bias"])), w[p + "fc2.weight"],
                         w[p + "fc2.bias"])
    h = F.layer_norm(h, (HIDDEN,), w["decoder.final_layer_norm.weight"], w["decoder.final_layer_norm.bias"])
    logp = torch.log_softmax(F.linear(h, w["decoder.embed_tokens.weight"]), dim=-1)[0]
    n = len(context)
    return float(sum(logp[n - 1 + j, tok] for j, tok in enumerate(continuation)))


def score(args):
    torch.set_num_threads(args.threads)
    start = time.time()
    with torch.no_grad():
        weights = load(args.model)
        loaded = time.time() - start
        ll = log_likelihood(weights, [int(x) for x in args.context_ids.split(",")],
                            [int(x) for x in args.continuation_ids.split(",")])
    print(json.dumps({"log_likelihood": ll, "load_seconds": round(loaded, 2),
                      "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("make")
    m.add_argument("--out", required=True)
    m.add_argument("--tokenizer", required=True, help="a directory with vocab.json, merges.txt and the configs")
    m.add_argument("--layouts", default="safetensors,sharded-bf16,bin")
    m.add_argument("--seed", type=int, default=1)
    m.add_argument("--shard-bytes", type=int, default=1 << 30)
    s = sub.add_parser("score")
    s.add_argument("--model", required=True)
    s.add_argument("--context-ids", required=True)
    s.add_argument("--continuation-ids", required=True)
    s.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    make(args) if args.command == "make" else score(args)


if __name__ == "__main__":
    main()
