#!/usr/bin/env python3
"""imlbench's torchrun tuning backend: instruction tuning of an OPT checkpoint, numerically the djl tuner.

One file, no framework. imlbench's Java side prepares every byte of data and launches

    python -m torch.distributed.run --nproc_per_node N trainer.py --data DATA [--resume]
    python trainer.py --data DATA [--resume]            # world size 1, no launcher

torch >= 2.0 also spells the flag --nproc-per-node; torch 1.13 knows only --nproc_per_node, and its launcher cannot
parse its own default ``--redirects 0`` on Python >= 3.11 (enum.Flag stopped iterating the zero member): there, pass
``--redirects 1 --tee 1 --log_dir DIR`` (stdout through files and tee'd back, stderr untouched).

Requirements: Python >= 3.8, torch >= 1.13 (CPU, gloo) or torch >= 2.0 (CUDA, NCCL, FSDP), numpy >= 1.20. Nothing
else: safetensors files are read and written here, pytorch_model.bin through torch.load(weights_only=True).

The contract with the Java side
===============================

``DATA/request.json``::

    {"format": "imlbench-torchrun/1",
     "base": "/abs/base",       Hugging Face layout: config.json; model.safetensors.index.json + shards,
                                model.safetensors, pytorch_model.bin.index.json + shards or pytorch_model.bin (that
                                order of preference); tokenizer files
     "output": "/abs/out",
     "recipe": {"steps", "batch_size", "grad_accumulation", "max_seq_len", "lr", "warmup_steps", "beta1", "beta2",
                "eps", "weight_decay", "grad_clip", "dropout", "seed", "checkpoint_every"},
     "pad_id": 1,
     "precision": "float32" | "bfloat16" | "float16",       the last two on CUDA only
     "activation_checkpointing": false,
     "shards": [{"name": "shard-00000", "first_step": 1, "steps": 10}, ...]}    consecutive, covering steps 1..steps

For each shard, ``DATA/<name>.input_ids.npy``, ``DATA/<name>.segment_ids.npy`` and ``DATA/<name>.labels.npy``: int32,
C order, shape ``[steps, batch_size, max_seq_len]``. A row is one packed window right-padded with pad_id; segment ids
are 1, 2, ... per packed example and 0 for padding; ``labels[s, r, j]`` is the token position j must predict (token
j+1 of the same example's target, EOS included) or -100. Files are memory-mapped, so memory does not grow with the
data.

Global batch -> ranks -> micro-batches: rank r of W takes rows [r*B/W, (r+1)*B/W) and cuts them into
grad_accumulation contiguous micro-batches (DataParallelTrainer's replica slicing). B must be a multiple of
W * grad_accumulation.

Output (in ``output``):

- ``model/``: the tuned float32 checkpoint as djl's CheckpointWriter writes it: config.json regenerated from the
  base's (the OPTConfig fields in OptConfigs.toJson's order and layout, torch_dtype kept as the base says, as djl
  does), model.safetensors with ``model.decoder.*`` names sorted, no lm_head, header padded with spaces to 8 bytes,
  and the base's tokenizer files (djl's list, plus any other tokenizer*.json).
- ``progress.jsonl``: rank 0 appends, and prints to stdout, one line per optimizer step:
  ``{"step", "loss", "lr", "grad_norm", "tokens_per_second", "target_tokens"}`` (loss: the mean target NLL of the
  global batch; grad_norm: before clipping; tokens_per_second: non-padding tokens of the global batch / step wall
  time). A float16 step skipped on overflow has ``"grad_norm": null`` and ``"skipped": true``.
- ``state/step-NNNNNNNN/``: the latest resumable state, every checkpoint_every steps (0: at the end only):
  ``state.json`` (step, Adam's t, loss scale, progress curve, fingerprint of recipe and data) and
  ``rank-00000.safetensors`` holding ``weights/<name>``, ``exp_avg/<name>``, ``exp_avg_sq/<name>`` (float32; one file
  for replicated engines, one per rank under FSDP). A state is assembled in ``state/.tmp-*`` and renamed into place
  after fsync, so a kill -9 at any moment leaves the previous state or the new one. ``--resume`` continues from the
  newest state and ends with the weights of an uninterrupted run (byte-identical on the CPU); progress.jsonl is then
  rewritten from the state's curve, so steps lost with the killed process appear once. Without ``--resume`` an
  output holding a state is refused; ``--resume`` without a state starts from the base.
- ``logs/rank-<r>.log``: each rank's log; on failure its traceback. The failing rank's first stderr line is
  ``trainer error (rank r): <what>`` and the exit status is 1 (only when request.json itself is unreadable is there no
  log: the output directory is unknown). Under torchrun the ranks share one stderr, with the launcher's own report
  after them: the first line starting with ``trainer error (rank`` names the failure; ranks that lose a peer say
  ``lost contact with another rank`` after it.

Numerics (each mirrors a class of plugins/djl/.../tuning or model)
====================================================================

- OPT as OptForward: learned positions at offset 2 restarting per segment, pre- or post-LayerNorm (eps 1e-5), ReLU,
  project_in/out, final LayerNorm only when pre-LN, output projection tied to the token embedding.
- Attention as AttentionMasks.packed: block-diagonal causal; additive bias -1e9 on the CPU, a boolean mask for
  scaled_dot_product_attention on CUDA.
- Loss as TargetLoss: only positions with a label go through the output projection; summed NLL per micro-batch,
  backward seeded with 1/(target tokens of the global batch), so any split gives the gradient of the batch mean.
- Clipping as GlobalNorm, schedule as LearningRateSchedule, AdamW as AdamW.java (its exact in-place formula, no decay
  on names ending in ".bias" or containing "layer_norm").
- Dropout: the recipe's rate after attention and after the FFN, the config's attention_dropout on the attention
  probabilities. Masks are drawn per row from a generator seeded with (seed * 1000003 + step, global row, layer,
  site), so they do not depend on the world size, the accumulation or a resume (djl reseeds one generator per step,
  whose masks depend on how many CPU replicas share it).

Engines
=======

- CPU (gloo): every rank holds the whole float32 model; summed gradients are all-reduced (torch 1.13's FSDP cannot
  even be imported on Python 3.11, and FSDP on CPU arrived later). Deterministic: same inputs, same bytes.
- CUDA (NCCL, torch >= 2.0): FSDP FULL_SHARD, one unit per decoder layer, use_orig_params so AdamW sees named
  parameters; bfloat16/float16 through MixedPrecision (float32 reduction, float32 master shards and moments); float16
  with a ShardedGradScaler; optional activation checkpointing per decoder layer; full state dict gathered to rank 0
  (offloaded to CPU) for the final checkpoint; the resumable state is sharded (resume with the same world size).
"""
from __future__ import annotations

import argparse
import functools
import hashlib
import json
import math
import os
import re
import shutil
import struct
import sys
import tempfile
import time
import traceback
import warnings
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Dict, List, Optional, Tuple

REQUEST_FORMAT = "imlbench-torchrun/1"
STATE_FORMAT = "imlbench-torchrun-state/1"
NEEDS = "torch >= 1.13 (>= 2.0 on CUDA) and numpy >= 1.20 on Python >= 3.8"


def _env_rank() -> int:
    try:
        return int(os.environ.get("RANK", "0"))
    except ValueError:
        return 0


def _output_dir_from_argv(argv: List[str]) -> Optional[str]:
    """The output directory named by --data's request.json, read with the standard library only, so that even a
    missing torch can be logged where the Java side looks."""
    try:
        data = argv[argv.index("--data") + 1]
        with open(os.path.join(data, "request.json"), encoding="utf-8") as f:
            output = json.load(f).get("output")
        return output if isinstance(output, str) else None
    except (ValueError, IndexError, OSError, AttributeError, json.JSONDecodeError):
        return None


def report_failure(rank: int, output: Optional[str], message: str, detail: str) -> None:
    """Logs the traceback to output/logs/rank-<r>.log (when the output is known) and writes the one line the Java
    side shows, first on stderr."""
    line = " ".join(message.split()) or "unknown error"
    if len(line) > 600:
        line = line[:597] + "..."
    if output:
        try:
            os.makedirs(os.path.join(output, "logs"), exist_ok=True)
            with open(os.path.join(output, "logs", f"rank-{rank}.log"), "a", encoding="utf-8") as f:
                f.write(f"{time.strftime('%Y-%m-%d %H:%M:%S')} trainer error: {line}\n{detail}\n")
        except OSError:
            pass
    sys.stderr.write(f"trainer error (rank {rank}): {line}\n")
    sys.stderr.flush()


# C++ warnings would otherwise reach stderr before the one error line; the user's own setting wins.
os.environ.setdefault("TORCH_CPP_LOG_LEVEL", "ERROR")
try:
    import numpy as np
    import torch
    import torch.distributed as dist
    import torch.nn.functional as F
    import torch.utils.checkpoint
    from torch import nn
except ImportError as missing:
    if __name__ != "__main__":
        raise
    report_failure(_env_rank(), _output_dir_from_argv(sys.argv),
                   f"cannot import {missing.name} with {sys.executable} (Python {sys.version.split()[0]}); "
                   f"the trainer needs {NEEDS}", traceback.format_exc())
    sys.exit(1)


class TrainerError(Exception):
    """A failure the user can act on; its message is the one line shown."""


def _version(text: str) -> Tuple[int, ...]:
    """(major, minor) of a version string such as '1.13.0a0' or '2.11.0+cu128'."""
    match = re.match(r"(\d+)\.(\d+)", text)
    return (int(match.group(1)), int(match.group(2))) if match else (0, 0)


def check_requirements(cuda: bool) -> None:
    found = (f"found torch {torch.__version__} and numpy {np.__version__} on Python {sys.version.split()[0]} "
             f"({sys.executable})")
    if (sys.version_info < (3, 8) or _version(torch.__version__) < (1, 13)
            or _version(np.__version__) < (1, 20)):
        raise TrainerError(f"the trainer needs {NEEDS}; {found}")
    if cuda and _version(torch.__version__) < (2, 0):
        raise TrainerError(f"the CUDA engine (FSDP with use_orig_params, scaled_dot_product_attention) needs "
                           f"torch >= 2.0; {found}")


# ----------------------------------------------------------------------------------------------------------------
# The request
# ----------------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Recipe:
    steps: int
    batch_size: int
    grad_accumulation: int
    max_seq_len: int
    lr: float
    warmup_steps: int
    beta1: float
    beta2: float
    eps: float
    weight_decay: float
    grad_clip: float
    dropout: float
    seed: int
    checkpoint_every: int


@dataclass(frozen=True)
class ShardSpec:
    name: str
    first_step: int
    steps: int


@dataclass(frozen=True)
class Request:
    data: str
    base: str
    output: str
    recipe: Recipe
    pad_id: int
    precision: str
    activation_checkpointing: bool
    shards: Tuple[ShardSpec, ...]

    @staticmethod
    def read(data_dir: str) -> "Request":
        path = os.path.join(data_dir, "request.json")
        try:
            with open(path, encoding="utf-8") as f:
                root = json.load(f)
        except OSError as e:
            raise TrainerError(f"{path}: cannot be read ({e.strerror})") from e
        except json.JSONDecodeError as e:
            raise TrainerError(f"{path}: not valid JSON ({e})") from e
        if not isinstance(root, dict) or root.get("format") != REQUEST_FORMAT:
            raise TrainerError(f"{path}: not a request of format {REQUEST_FORMAT!r}")
        fields = _Fields(path, root)
        recipe_fields = _Fields(path + " recipe", fields.get("recipe", dict))
        recipe = Recipe(
            steps=recipe_fields.integer("steps", minimum=1),
            batch_size=recipe_fields.integer("batch_size", minimum=1),
            grad_accumulation=recipe_fields.integer("grad_accumulation", minimum=1),
            max_seq_len=recipe_fields.integer("max_seq_len", minimum=1),
            lr=recipe_fields.number("lr", low=0.0, low_open=True),
            warmup_steps=recipe_fields.integer("warmup_steps", minimum=0),
            beta1=recipe_fields.number("beta1", low=0.0, high=1.0),
            beta2=recipe_fields.number("beta2", low=0.0, high=1.0),
            eps=recipe_fields.number("eps", low=0.0),
            weight_decay=recipe_fields.number("weight_decay", low=0.0),
            grad_clip=recipe_fields.number("grad_clip", low=0.0),
            dropout=recipe_fields.number("dropout", low=0.0, high=1.0),
            seed=recipe_fields.integer("seed"),
            checkpoint_every=recipe_fields.integer("checkpoint_every", minimum=0))
        precision = fields.get("precision", str)
        if precision not in ("float32", "bfloat16", "float16"):
            raise TrainerError(f"{path}: precision must be float32, bfloat16 or float16, found {precision!r}")
        shards = []
        next_step = 1
        for i, entry in enumerate(fields.get("shards", list)):
            shard_fields = _Fields(f"{path} shards[{i}]", entry if isinstance(entry, dict) else {})
            name = shard_fields.get("name", str)
            if not name or "/" in name or "\\" in name or name.startswith("."):
                raise TrainerError(f"{path}: shards[{i}].name {name!r} is not a plain file name")
            spec = ShardSpec(name, shard_fields.integer("first_step", minimum=1),
                             shard_fields.integer("steps", minimum=1))
            if spec.first_step != next_step:
                raise TrainerError(f"{path}: shard {name} starts at step {spec.first_step}, expected {next_step}")
            next_step += spec.steps
            shards.append(spec)
        if next_step - 1 != recipe.steps:
            raise TrainerError(f"{path}: the shards hold {next_step - 1} steps, the recipe asks for {recipe.steps}")
        base = fields.get("base", str)
        output = fields.get("output", str)
        if not os.path.isabs(base) or not os.path.isabs(output):
            raise TrainerError(f"{path}: base and output must be absolute paths")
        return Request(data=os.path.abspath(data_dir), base=base, output=output, recipe=recipe,
                       pad_id=fields.integer("pad_id", minimum=0), precision=precision,
                       activation_checkpointing=fields.get("activation_checkpointing", bool),
                       shards=tuple(shards))


class _Fields:
    """Typed access to a JSON object with errors that name the file and the field."""

    def __init__(self, where: str, obj: dict):
        self.where = where
        self.obj = obj

    def get(self, key, kind):
        value = self.obj.get(key)
        # bool is an int in Python; a JSON true must not pass for a number
        if value is None or not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            raise TrainerError(f"{self.where}: field {key!r} must be a {kind.__name__}, found {value!r}")
        return value

    def integer(self, key, minimum=None) -> int:
        value = self.get(key, int)
        if minimum is not None and value < minimum:
            raise TrainerError(f"{self.where}: field {key!r} must be >= {minimum}, found {value}")
        return value

    def number(self, key, low=None, high=None, low_open=False) -> float:
        value = self.obj.get(key)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise TrainerError(f"{self.where}: field {key!r} must be a number, found {value!r}")
        if (low is not None and (value < low or (low_open and value == low))) or (high is not None and value >= high):
            raise TrainerError(f"{self.where}: field {key!r} = {value} is out of range")
        return float(value)


# ----------------------------------------------------------------------------------------------------------------
# OPT configuration and checkpoints (the djl checkpoint package)
# ----------------------------------------------------------------------------------------------------------------

POSITION_OFFSET = 2
LAYER_NORM_EPS = 1e-5
MASKED = -1e9
MIN_LOSS_SCALE = 2.0 ** -14
TOKENIZER_FILES = ("tokenizer.json", "vocab.json", "merges.txt", "tokenizer_config.json", "special_tokens_map.json",
                   "imlbench-tokenizer.json")


@dataclass(frozen=True)
class OptConfig:
    """config.json's OPTConfig fields, read with OptConfigs.Reader's required fields and defaults."""
    vocab_size: int
    hidden_size: int
    num_layers: int
    num_heads: int
    ffn_dim: int
    max_positions: int
    word_embed_proj_dim: int
    do_layer_norm_before: bool = True
    activation: str = "relu"
    dropout: float = 0.1
    attention_dropout: float = 0.0
    enable_bias: bool = True
    layer_norm_elementwise_affine: bool = True
    pad_token_id: int = 1
    bos_token_id: int = 2
    eos_token_id: int = 2
    torch_dtype: str = "float32"

    @property
    def has_projections(self) -> bool:
        return self.word_embed_proj_dim != self.hidden_size

    @property
    def head_dim(self) -> int:
        return self.hidden_size // self.num_heads

    @staticmethod
    def read(path: str) -> "OptConfig":
        try:
            with open(path, encoding="utf-8") as f:
                root = json.load(f)
        except OSError as e:
            raise TrainerError(f"{path}: cannot be read ({e.strerror}); a Hugging Face checkpoint needs config.json")
        except json.JSONDecodeError as e:
            raise TrainerError(f"{path}: not valid JSON ({e})") from e
        if not isinstance(root, dict):
            raise TrainerError(f"{path}: expected a JSON object")
        if root.get("model_type", "opt") != "opt":
            raise TrainerError(f"{path}: model_type is {root['model_type']!r}, expected 'opt'")
        fields = _Fields(path, root)

        def optional(key, kind, default):
            return default if root.get(key) is None else fields.get(key, kind)

        def optional_number(key, default):
            return default if root.get(key) is None else fields.number(key)

        hidden = fields.integer("hidden_size", minimum=1)
        config = OptConfig(
            vocab_size=fields.integer("vocab_size", minimum=1), hidden_size=hidden,
            num_layers=fields.integer("num_hidden_layers", minimum=1),
            num_heads=fields.integer("num_attention_heads", minimum=1), ffn_dim=fields.integer("ffn_dim", minimum=1),
            max_positions=fields.integer("max_position_embeddings", minimum=1),
            word_embed_proj_dim=optional("word_embed_proj_dim", int, hidden),
            do_layer_norm_before=optional("do_layer_norm_before", bool, True),
            activation=optional("activation_function", str, "relu"),
            dropout=optional_number("dropout", 0.1), attention_dropout=optional_number("attention_dropout", 0.0),
            enable_bias=optional("enable_bias", bool, True),
            layer_norm_elementwise_affine=optional("layer_norm_elementwise_affine", bool, True),
            pad_token_id=optional("pad_token_id", int, 1), bos_token_id=optional("bos_token_id", int, 2),
            eos_token_id=optional("eos_token_id", int, 2), torch_dtype=optional("torch_dtype", str, "float32"))
        if hidden % config.num_heads:
            raise TrainerError(f"{path}: hidden_size {hidden} is not a multiple of num_attention_heads "
                               f"{config.num_heads}")
        if config.activation != "relu":
            raise TrainerError(f"{path}: activation_function {config.activation!r} is not supported (OPT uses relu)")
        return config

    def to_json(self) -> str:
        """config.json as OptConfigs.toJson writes it (Jackson's default pretty printer, these fields in this
        order), so both backends publish the same file."""
        fields = [("architectures", ["OPTForCausalLM"]), ("model_type", "opt"),
                  ("activation_function", self.activation), ("attention_dropout", float(self.attention_dropout)),
                  ("dropout", float(self.dropout)), ("bos_token_id", self.bos_token_id),
                  ("eos_token_id", self.eos_token_id), ("pad_token_id", self.pad_token_id),
                  ("do_layer_norm_before", self.do_layer_norm_before), ("enable_bias", self.enable_bias),
                  ("layer_norm_elementwise_affine", self.layer_norm_elementwise_affine),
                  ("hidden_size", self.hidden_size), ("ffn_dim", self.ffn_dim),
                  ("num_hidden_layers", self.num_layers), ("num_attention_heads", self.num_heads),
                  ("word_embed_proj_dim", self.word_embed_proj_dim),
                  ("max_position_embeddings", self.max_positions), ("vocab_size", self.vocab_size),
                  ("init_std", 0.02), ("layerdrop", 0.0), ("torch_dtype", self.torch_dtype), ("use_cache", True),
                  ("prefix", "</s>")]
        body = ",\n".join(f"  {json.dumps(k)} : {_jackson(v)}" for k, v in fields)
        return "{\n" + body + "\n}\n"


def _jackson(value) -> str:
    if isinstance(value, list):
        return "[ " + ", ".join(_jackson(v) for v in value) + " ]" if value else "[ ]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return _java_double(value)
    return json.dumps(value, ensure_ascii=False)


def _java_double(x: float) -> str:
    """Java's Double.toString, which Jackson uses: positional in [1e-3, 1e7), else like 1.0E-5."""
    if x == 0:
        return "-0.0" if math.copysign(1.0, x) < 0 else "0.0"
    if 1e-3 <= abs(x) < 1e7:
        return repr(x)
    sign, digits, exponent = Decimal(repr(x)).normalize().as_tuple()
    text = "".join(map(str, digits))
    return f"{'-' if sign else ''}{text[0]}.{text[1:] or '0'}E{len(text) + exponent - 1}"


def parameter_shapes(c: OptConfig) -> Dict[str, Tuple[int, ...]]:
    """Canonical parameter names and shapes in OptParameterNames' order: the order djl sums the global norm in."""
    h, p, f = c.hidden_size, c.word_embed_proj_dim, c.ffn_dim
    shapes = {"decoder.embed_tokens.weight": (c.vocab_size, p),
              "decoder.embed_positions.weight": (c.max_positions + POSITION_OFFSET, h)}

    def linear(prefix, out, inp):
        shapes[prefix + ".weight"] = (out, inp)
        if c.enable_bias:
            shapes[prefix + ".bias"] = (out,)

    def layer_norm(prefix):
        if c.layer_norm_elementwise_affine:
            shapes[prefix + ".weight"] = (h,)
            shapes[prefix + ".bias"] = (h,)

    if c.do_layer_norm_before:
        layer_norm("decoder.final_layer_norm")
    if c.has_projections:
        shapes["decoder.project_out.weight"] = (p, h)
        shapes["decoder.project_in.weight"] = (h, p)
    for i in range(c.num_layers):
        for proj in ("k_proj", "v_proj", "q_proj", "out_proj"):
            linear(f"decoder.layers.{i}.self_attn.{proj}", h, h)
        layer_norm(f"decoder.layers.{i}.self_attn_layer_norm")
        linear(f"decoder.layers.{i}.fc1", f, h)
        linear(f"decoder.layers.{i}.fc2", h, f)
        layer_norm(f"decoder.layers.{i}.final_layer_norm")
    return shapes


def canonical_name(stored: str) -> Optional[str]:
    """TensorNames.canonical: save_pretrained's 'model.' prefix goes, the tied lm_head is not a parameter."""
    if stored in ("lm_head.weight", "model.lm_head.weight"):
        return None
    return stored[len("model."):] if stored.startswith("model.") else stored


_SAFETENSORS_TYPES = {"F32": ("<f4", 4), "F16": ("<f2", 2), "BF16": ("<u2", 2), "F64": ("<f8", 8)}


class SafetensorsFile:
    """A safetensors file, memory-mapped; tensors are widened to float32 on request (BF16 exactly: it is the upper
    half of a float32)."""

    def __init__(self, path: str):
        self.path = path
        try:
            with open(path, "rb") as f:
                size = os.fstat(f.fileno()).st_size
                length = struct.unpack("<Q", f.read(8))[0] if size >= 8 else None
                if length is None or length > size - 8:
                    raise TrainerError(f"{path}: not a safetensors file (bad header length)")
                header = json.loads(f.read(length))
        except OSError as e:
            raise TrainerError(f"{path}: cannot be read ({e.strerror})") from e
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            raise TrainerError(f"{path}: not a safetensors file (header is not JSON)") from e
        if not isinstance(header, dict):
            raise TrainerError(f"{path}: not a safetensors file (header is not an object)")
        data_size = size - 8 - length
        self.entries = {}
        for name, entry in header.items():
            if name == "__metadata__":
                continue
            try:
                dtype, shape, (begin, end) = entry["dtype"], tuple(entry["shape"]), entry["data_offsets"]
            except (KeyError, TypeError, ValueError) as e:
                raise TrainerError(f"{path}: tensor {name!r} has a malformed header entry") from e
            if dtype not in _SAFETENSORS_TYPES:
                raise TrainerError(f"{path}: tensor {name!r} is {dtype}, which cannot be read as float32")
            if not 0 <= begin <= end <= data_size or end - begin != math.prod(shape) * _SAFETENSORS_TYPES[dtype][1]:
                raise TrainerError(f"{path}: tensor {name!r} has data offsets {begin}..{end} that do not fit its "
                                   f"shape {list(shape)} or the file")
            self.entries[name] = (dtype, shape, begin, end)
        self.data = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + length) if data_size else np.zeros(0,
                                                                                                            np.uint8)

    def tensor(self, name: str) -> np.ndarray:
        dtype, shape, begin, end = self.entries[name]
        raw = self.data[begin:end].view(_SAFETENSORS_TYPES[dtype][0])
        if dtype == "BF16":
            wide = (raw.astype(np.uint32) << 16).view(np.float32)
        else:
            wide = raw.astype(np.float32)
        return wide.reshape(shape)


class BaseCheckpoint:
    """A Hugging Face OPT checkpoint directory (Checkpoints.open): config and float32 tensors by canonical name."""

    WEIGHT_FILES = ("model.safetensors.index.json", "model.safetensors", "pytorch_model.bin.index.json",
                    "pytorch_model.bin")

    def __init__(self, directory: str):
        self.directory = directory
        if not os.path.isdir(directory):
            raise TrainerError(f"{directory}: not a directory")
        self.config = OptConfig.read(os.path.join(directory, "config.json"))
        layout = next((n for n in self.WEIGHT_FILES if os.path.isfile(os.path.join(directory, n))), None)
        if layout is None:
            raise TrainerError(f"{directory}: no weights found (looked for {', '.join(self.WEIGHT_FILES)})")
        files = self._shards(layout) if layout.endswith(".index.json") else [layout]
        self._locations: Dict[str, Tuple[object, str]] = {}
        for file_name in files:
            path = os.path.join(directory, file_name)
            if file_name.endswith(".safetensors"):
                source = SafetensorsFile(path)
                stored_names = list(source.entries)
            else:
                source = self._torch_load(path)
                stored_names = list(source)
            for stored in stored_names:
                name = canonical_name(stored)
                if name is None:
                    continue
                if name in self._locations:
                    raise TrainerError(f"{path}: tensor {stored!r} duplicates another tensor named {name!r}")
                self._locations[name] = (source, stored)

    def _shards(self, index_name: str) -> List[str]:
        path = os.path.join(self.directory, index_name)
        try:
            with open(path, encoding="utf-8") as f:
                weight_map = json.load(f).get("weight_map")
        except (OSError, json.JSONDecodeError, AttributeError) as e:
            raise TrainerError(f"{path}: unreadable shard index ({e})") from e
        if not isinstance(weight_map, dict):
            raise TrainerError(f"{path}: required field 'weight_map' is missing or not an object")
        shards = list(dict.fromkeys(weight_map.values()))
        for shard in shards:
            if not isinstance(shard, str) or not shard or "/" in shard or "\\" in shard or shard == "..":
                raise TrainerError(f"{path}: weight_map names an invalid shard {shard!r}")
            if not os.path.isfile(os.path.join(self.directory, shard)):
                raise TrainerError(f"{path}: shard {shard!r} is missing")
        return shards

    @staticmethod
    def _torch_load(path: str) -> Dict[str, "torch.Tensor"]:
        try:
            loaded = torch.load(path, map_location="cpu", weights_only=True)
        except Exception as e:
            raise TrainerError(f"{path}: cannot be read as a PyTorch state dict ({type(e).__name__}: {e})") from e
        if not isinstance(loaded, dict) or not all(isinstance(v, torch.Tensor) for v in loaded.values()):
            raise TrainerError(f"{path}: not a flat state dict of tensors")
        return loaded

    def names(self) -> List[str]:
        return list(self._locations)

    def tensor(self, name: str) -> "torch.Tensor":
        source, stored = self._locations[name]
        if isinstance(source, SafetensorsFile):
            return torch.from_numpy(source.tensor(stored))
        value = source[stored]
        if not value.is_floating_point():
            raise TrainerError(f"{self.directory}: tensor {stored!r} is {value.dtype}, not floating point")
        return value.float()


def write_safetensors(path: str, tensors: Dict[str, "torch.Tensor"]) -> None:
    """SafetensorsWriter's file, byte for byte: float32, names sorted, compact JSON header with __metadata__ first,
    padded with spaces so the data starts 8-byte aligned; fsynced."""
    names = sorted(tensors)
    header = {"__metadata__": {"format": "pt"}}
    offset = 0
    arrays = []
    for name in names:
        array = tensors[name].detach().to("cpu", torch.float32).contiguous().numpy()
        arrays.append(array)
        header[name] = {"dtype": "F32", "shape": list(array.shape), "data_offsets": [offset, offset + array.nbytes]}
        offset += array.nbytes
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "xb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for array in arrays:
            f.write(array.astype("<f4", copy=False).data if array.size else b"")
        f.flush()
        os.fsync(f.fileno())


def _fsync_dir(path: str) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _replace_dir(temp: str, target: str) -> None:
    """Moves a finished directory into place; an existing one is moved aside first and deleted after (rename cannot
    replace a non-empty directory)."""
    old = None
    if os.path.exists(target):
        old = tempfile.mkdtemp(prefix="." + os.path.basename(target) + ".old-", dir=os.path.dirname(target))
        os.rmdir(old)
        os.rename(target, old)
    os.rename(temp, target)
    _fsync_dir(os.path.dirname(target))
    if old:
        shutil.rmtree(old, ignore_errors=True)


def write_checkpoint(directory: str, config: OptConfig, tensors: Dict[str, "torch.Tensor"],
                     tokenizer_dir: Optional[str]) -> None:
    """CheckpointWriter.write: config.json, model.safetensors with 'model.'-prefixed canonical names and the tokenizer
    files, assembled in a temporary sibling that atomically replaces the directory."""
    directory = os.path.abspath(directory)
    os.makedirs(os.path.dirname(directory), exist_ok=True)
    temp = tempfile.mkdtemp(prefix="." + os.path.basename(directory) + ".tmp-", dir=os.path.dirname(directory))
    try:
        with open(os.path.join(temp, "config.json"), "w", encoding="utf-8") as f:
            f.write(config.to_json())
        write_safetensors(os.path.join(temp, "model.safetensors"), {"model." + n: t for n, t in tensors.items()})
        if tokenizer_dir:
            for name in tokenizer_files(tokenizer_dir):
                shutil.copyfile(os.path.join(tokenizer_dir, name), os.path.join(temp, name))
        _fsync_dir(temp)
        _replace_dir(temp, directory)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise


def tokenizer_files(directory: str) -> List[str]:
    """djl's CheckpointWriter.TOKENIZER_FILES, plus any other tokenizer*.json present."""
    present = [n for n in TOKENIZER_FILES if os.path.isfile(os.path.join(directory, n))]
    extra = sorted(n for n in os.listdir(directory)
                   if n.startswith("tokenizer") and n.endswith(".json") and n not in present)
    return present + extra


# ----------------------------------------------------------------------------------------------------------------
# The model (OptModel / OptForward)
# ----------------------------------------------------------------------------------------------------------------

ATTENTION_PROBS, ATTENTION_OUT, FFN_OUT = 0, 1, 2


class RowDropout:
    """Training dropout whose mask for one row depends only on (step seed, global row, layer, site).

    One generator per row and call, seeded by hashing those four numbers, makes the masks independent of how the
    global batch is split across ranks and micro-batches, and of activation checkpointing (a recomputed layer draws
    the same mask because it reseeds)."""

    def __init__(self, rates: Dict[int, float], step_seed: int, rows: List[int]):
        self.rates = rates
        self.step_seed = step_seed
        self.rows = rows

    def __call__(self, x: "torch.Tensor", layer: int, site: int) -> "torch.Tensor":
        rate = self.rates.get(site, 0.0)
        if rate == 0.0:
            return x
        masks = []
        for row in self.rows:
            digest = hashlib.blake2b(struct.pack("<Qqii", self.step_seed, row, layer, site), digest_size=8).digest()
            generator = torch.Generator(device=x.device)
            generator.manual_seed(int.from_bytes(digest, "little"))
            masks.append(torch.rand(x.shape[1:], generator=generator, device=x.device) >= rate)
        # as F.dropout: x * (mask / (1 - p)) in x's dtype
        return x * torch.stack(masks).to(x.dtype).div_(1.0 - rate)


class Attention(nn.Module):
    def __init__(self, c: OptConfig, device=None):
        super().__init__()
        self.num_heads, self.head_dim = c.num_heads, c.head_dim
        self.scaling = c.head_dim ** -0.5
        for name in ("k_proj", "v_proj", "q_proj", "out_proj"):
            setattr(self, name, nn.Linear(c.hidden_size, c.hidden_size, bias=c.enable_bias, device=device))

    def forward(self, x, mask, dropout, layer):
        b, t, width = x.shape
        heads = (b, t, self.num_heads, self.head_dim)
        if mask.dtype == torch.bool:
            # CUDA: a fused kernel with a boolean mask; it applies 1/sqrt(head_dim) itself
            q = self.q_proj(x).view(heads).transpose(1, 2)
            k = self.k_proj(x).view(heads).transpose(1, 2)
            v = self.v_proj(x).view(heads).transpose(1, 2)
            context = F.scaled_dot_product_attention(q, k, v, attn_mask=mask)
        else:
            # OptForward's operations in its order: q scaled before the product, scores widened to float32 for the
            # softmax when the model runs in 16 bits
            q = (self.q_proj(x) * self.scaling).view(heads).transpose(1, 2)
            k_t = self.k_proj(x).view(heads).permute(0, 2, 3, 1)
            v = self.v_proj(x).view(heads).transpose(1, 2)
            scores = q.matmul(k_t)
            if scores.dtype in (torch.float16, torch.bfloat16):
                scores = scores.float()
            probs = (scores + mask).softmax(-1).to(x.dtype)
            if dropout is not None:
                probs = dropout(probs, layer, ATTENTION_PROBS)
            context = probs.matmul(v)
        return self.out_proj(context.transpose(1, 2).reshape(b, t, width))


class DecoderLayer(nn.Module):
    """One OPT block; also the unit FSDP shards and activation checkpointing recomputes."""

    def __init__(self, c: OptConfig, index: int, device=None):
        super().__init__()
        self.index = index
        self.pre_norm = c.do_layer_norm_before
        affine = c.layer_norm_elementwise_affine
        self.self_attn = Attention(c, device)
        self.self_attn_layer_norm = nn.LayerNorm(c.hidden_size, LAYER_NORM_EPS, affine, device=device)
        self.fc1 = nn.Linear(c.hidden_size, c.ffn_dim, bias=c.enable_bias, device=device)
        self.fc2 = nn.Linear(c.ffn_dim, c.hidden_size, bias=c.enable_bias, device=device)
        self.final_layer_norm = nn.LayerNorm(c.hidden_size, LAYER_NORM_EPS, affine, device=device)

    def forward(self, h, mask, dropout):
        x = self.self_attn_layer_norm(h) if self.pre_norm else h
        x = self.self_attn(x, mask, dropout, self.index)
        if dropout is not None:
            x = dropout(x, self.index, ATTENTION_OUT)
        h = h + x
        if not self.pre_norm:
            h = self.self_attn_layer_norm(h)
        x = self.final_layer_norm(h) if self.pre_norm else h
        x = self.fc2(F.relu(self.fc1(x)))
        if dropout is not None:
            x = dropout(x, self.index, FFN_OUT)
        h = h + x
        if not self.pre_norm:
            h = self.final_layer_norm(h)
        return h


class Decoder(nn.Module):
    def __init__(self, c: OptConfig, device=None):
        super().__init__()
        self.embed_tokens = nn.Embedding(c.vocab_size, c.word_embed_proj_dim, device=device)
        self.embed_positions = nn.Embedding(c.max_positions + POSITION_OFFSET, c.hidden_size, device=device)
        self.final_layer_norm = (nn.LayerNorm(c.hidden_size, LAYER_NORM_EPS, c.layer_norm_elementwise_affine,
                                              device=device) if c.do_layer_norm_before else None)
        self.project_out = (nn.Linear(c.hidden_size, c.word_embed_proj_dim, bias=False, device=device)
                            if c.has_projections else None)
        self.project_in = (nn.Linear(c.word_embed_proj_dim, c.hidden_size, bias=False, device=device)
                           if c.has_projections else None)
        self.layers = nn.ModuleList(DecoderLayer(c, i, device) for i in range(c.num_layers))
        # recompute each layer in backward: the replicated engine's activation checkpointing (FSDP wraps its units
        # with checkpoint_wrapper instead)
        self.checkpointing = False

    def forward(self, input_ids, position_ids, mask, dropout=None):
        x = self.embed_tokens(input_ids)
        if self.project_in is not None:
            x = self.project_in(x)
        h = x + self.embed_positions(position_ids + POSITION_OFFSET)
        for layer in self.layers:
            if self.checkpointing:
                h = torch.utils.checkpoint.checkpoint(layer, h, mask, dropout, use_reentrant=False)
            else:
                h = layer(h, mask, dropout)
        if self.final_layer_norm is not None:
            h = self.final_layer_norm(h)
        if self.project_out is not None:
            h = self.project_out(h)
        return h


class OptLM(nn.Module):
    """OPTForCausalLM with the canonical parameter names (decoder.*). forward() is the training objective, so that
    under FSDP the tied output projection runs inside the root unit, where the embedding is gathered."""

    def __init__(self, c: OptConfig, device=None):
        super().__init__()
        self.config = c
        self.decoder = Decoder(c, device)
        self.sdpa = False     # set by the CUDA engine

    def hidden(self, input_ids, position_ids, allowed, dropout=None):
        """Decoder output [B, T, word_embed_proj_dim]; allowed [B, 1, T, T] says which keys each query sees. On the
        CPU it becomes AttentionMasks' additive bias, float32 (float64 for a float64 model); with sdpa (CUDA) it stays
        boolean."""
        if not self.sdpa or (dropout is not None and dropout.rates.get(ATTENTION_PROBS, 0.0) > 0):
            dtype = torch.float64 if self.decoder.embed_tokens.weight.dtype == torch.float64 else torch.float32
            allowed = torch.zeros(allowed.shape, dtype=dtype, device=allowed.device).masked_fill_(~allowed, MASKED)
        return self.decoder(input_ids, position_ids, allowed, dropout)

    def logits(self, hidden):
        logits = F.linear(hidden, self.decoder.embed_tokens.weight)
        return logits.float() if logits.dtype in (torch.float16, torch.bfloat16) else logits

    def forward(self, input_ids, position_ids, allowed, loss_index, loss_labels, dropout=None):
        """TargetLoss.summed: the summed NLL of the labelled positions, projected alone."""
        hidden = self.hidden(input_ids, position_ids, allowed, dropout)
        rows = hidden.reshape(-1, hidden.shape[-1]).index_select(0, loss_index)
        return -self.logits(rows).log_softmax(-1).gather(1, loss_labels[:, None]).sum()


def clean_name(name: str) -> str:
    """A parameter's canonical name under FSDP and checkpoint wrappers, which insert their own module levels."""
    return name.replace("_fsdp_wrapped_module.", "").replace("_checkpoint_wrapped_module.", "")


def load_model(checkpoint: BaseCheckpoint, dtype=torch.float32) -> OptLM:
    """The model with the checkpoint's weights, in memory PyTorch allocated (its CPU kernels then see the same
    alignment in every process, which keeps a resumed run's arithmetic identical)."""
    config = checkpoint.config
    model = OptLM(config, device="meta").to_empty(device="cpu")
    params = dict(model.named_parameters())
    expected = parameter_shapes(config)
    if set(params) != set(expected):
        raise AssertionError(f"the model's parameters differ from OptParameterNames': {set(params) ^ set(expected)}")
    available = set(checkpoint.names())
    with torch.no_grad():
        for name, shape in expected.items():
            if name not in available:
                raise TrainerError(f"{checkpoint.directory}: tensor {name!r} is missing")
            value = checkpoint.tensor(name)
            if tuple(value.shape) != shape:
                raise TrainerError(f"{checkpoint.directory}: tensor {name!r} has shape {list(value.shape)}, "
                                   f"config.json implies {list(shape)}")
            params[name].copy_(value)
    return model.to(dtype)


# ----------------------------------------------------------------------------------------------------------------
# Data: shards of packed windows
# ----------------------------------------------------------------------------------------------------------------

class Shards:
    """The memory-mapped .npy arrays of every shard, checked for type and shape on opening."""

    KINDS = ("input_ids", "segment_ids", "labels")

    def __init__(self, request: Request):
        r = request.recipe
        self.request = request
        self.arrays = []
        for spec in request.shards:
            group = {}
            for kind in self.KINDS:
                path = os.path.join(request.data, f"{spec.name}.{kind}.npy")
                try:
                    array = np.load(path, mmap_mode="r", allow_pickle=False)
                except FileNotFoundError as e:
                    raise TrainerError(f"{path}: missing") from e
                except (OSError, ValueError, EOFError) as e:
                    raise TrainerError(f"{path}: not a readable .npy file ({e})") from e
                expected = (spec.steps, r.batch_size, r.max_seq_len)
                if array.dtype != np.int32 or array.shape != expected or not array.flags.c_contiguous:
                    raise TrainerError(f"{path}: expected int32 {list(expected)} in C order, found {array.dtype} "
                                       f"{list(array.shape)}{'' if array.flags.c_contiguous else ' in Fortran order'}")
                group[kind] = array
            self.arrays.append((spec, group))

    def _locate(self, step: int):
        for spec, group in self.arrays:
            if spec.first_step <= step < spec.first_step + spec.steps:
                return spec, group, step - spec.first_step
        raise AssertionError(f"no shard holds step {step}")

    def rows(self, step: int, begin: int, end: int) -> Dict[str, np.ndarray]:
        """Rows [begin, end) of a step's global batch, copied out of the mapping."""
        spec, group, i = self._locate(step)
        return {kind: np.array(group[kind][i, begin:end]) for kind in self.KINDS}

    def where(self, step: int) -> str:
        spec, _, i = self._locate(step)
        return f"{self.request.data}/{spec.name}.*.npy step {step} (index {i})"


@dataclass
class MicroBatch:
    input_ids: "torch.Tensor"      # [b, T] int64, T = the longest row (TrainingBatch pads to it)
    position_ids: "torch.Tensor"   # [b, T] int64, restarting at 0 per segment, 0 on padding
    allowed: "torch.Tensor"        # [b, 1, T, T] bool
    loss_index: "torch.Tensor"     # [N] int64 flat positions row * T + j, in row-major order
    loss_labels: "torch.Tensor"    # [N] int64
    rows: List[int]                # global row numbers (dropout masks)

    @staticmethod
    def build(arrays: Dict[str, np.ndarray], first_row: int, config: OptConfig, where: str, device,
              multiple: int = 1) -> "MicroBatch":
        """multiple > 1 rounds the trimmed length up (within the window), so that fused attention kernels on CUDA
        see aligned mask strides; the extra columns are padding, which no real token attends to."""
        ids, seg, labels = arrays["input_ids"], arrays["segment_ids"], arrays["labels"]
        real = seg != 0
        # Trimming to the longest row gives the shapes djl computes with (BLAS may round by shape).
        length = max(1, int(real.nonzero()[1].max()) + 1) if real.any() else 1
        length = min(ids.shape[1], -(-length // multiple) * multiple)
        ids, seg, labels, real = ids[:, :length], seg[:, :length], labels[:, :length], real[:, :length]
        _validate(ids, seg, labels, config, where, first_row)
        columns = np.arange(length)
        starts = np.zeros(seg.shape, dtype=np.int64)
        starts[:, 1:] = np.where(seg[:, 1:] != seg[:, :-1], columns[1:], 0)
        positions = np.where(real, columns - np.maximum.accumulate(starts, axis=1), 0)
        longest = int(positions.max(initial=0)) + 1
        if longest > config.max_positions:
            raise TrainerError(f"{where}: a packed example of {longest} tokens exceeds the model's "
                               f"max_position_embeddings {config.max_positions}")
        seg_t = torch.from_numpy(seg.astype(np.int64)).to(device)
        real_t = seg_t != 0
        causal = torch.ones(length, length, dtype=torch.bool, device=device).tril_()
        # A padding query sees itself only: no row is all-masked (a fused kernel would return NaN), and no real
        # query ever sees padding, so real positions are exactly AttentionMasks.packed's.
        allowed = ((seg_t[:, :, None] == seg_t[:, None, :]) & causal & real_t[:, :, None]) | (
            torch.eye(length, dtype=torch.bool, device=device) & ~real_t[:, :, None])
        flat = labels.reshape(-1)
        index = np.flatnonzero(flat != -100)
        return MicroBatch(
            input_ids=torch.from_numpy(ids.astype(np.int64)).to(device),
            position_ids=torch.from_numpy(positions.astype(np.int64)).to(device),
            allowed=allowed[:, None],
            loss_index=torch.from_numpy(index.astype(np.int64)).to(device),
            loss_labels=torch.from_numpy(flat[index].astype(np.int64)).to(device),
            rows=list(range(first_row, first_row + ids.shape[0])))


def _validate(ids, seg, labels, config: OptConfig, where: str, first_row: int) -> None:
    """Bad ids would otherwise surface as an index error deep inside a kernel (or silently on CUDA)."""
    def fail(mask, what):
        r, j = (int(v[0]) for v in np.nonzero(mask))
        raise TrainerError(f"{where} row {first_row + r} position {j}: {what}")

    vocab = config.vocab_size
    bad = (ids < 0) | (ids >= vocab)
    if bad.any():
        fail(bad, f"input id {int(ids[bad][0])} is outside the vocabulary of {vocab}")
    bad = seg < 0
    if bad.any():
        fail(bad, "negative segment id")
    bad = (labels != -100) & ((labels < 0) | (labels >= vocab))
    if bad.any():
        fail(bad, f"label {int(labels[bad][0])} is neither -100 nor in the vocabulary of {vocab}")
    bad = (labels != -100) & (seg == 0)
    if bad.any():
        fail(bad, "a label on a padding position")


# ----------------------------------------------------------------------------------------------------------------
# The recipe: schedule, clipping, AdamW
# ----------------------------------------------------------------------------------------------------------------

def learning_rate(recipe: Recipe, step: int) -> float:
    """LearningRateSchedule.rate: steps from 1; warm-up peak * s / W; then peak * (T - s + 1) / (T - W)."""
    if step <= recipe.warmup_steps:
        return recipe.lr * step / recipe.warmup_steps
    return recipe.lr * (recipe.steps - step + 1) / (recipe.steps - recipe.warmup_steps)


def clip_factor(norm: float, max_norm: float) -> float:
    """GlobalNorm.clipFactor (clip_grad_norm_'s): min(1, max / (norm + 1e-6)); max <= 0 disables clipping."""
    return 1.0 if max_norm <= 0 else min(1.0, max_norm / (norm + 1e-6))


def decays(name: str) -> bool:
    """AdamW.decays: no weight decay on biases and LayerNorm parameters."""
    return not (name.endswith(".bias") or "layer_norm" in name)


class AdamW(torch.optim.Optimizer):
    """AdamW.java's update, operation for operation: p *= 1 - lr*wd; m = b1 (m - g) + g; v = b2 (v - g^2) + g^2;
    p -= m / ((sqrt(v) + eps*c2) * c1 / (lr*c2)) with c1 = 1 - b1^t, c2 = sqrt(1 - b2^t). Float32 moments created
    zeroed beside each parameter. A torch.optim.Optimizer so that a (Sharded)GradScaler can drive it; t counts
    applied updates only."""

    def __init__(self, named: List[Tuple[str, "torch.nn.Parameter"]], recipe: Recipe):
        groups = [{"params": [p for n, p in named if decays(n)], "weight_decay": recipe.weight_decay},
                  {"params": [p for n, p in named if not decays(n)], "weight_decay": 0.0}]
        super().__init__([g for g in groups if g["params"]],
                         dict(lr=0.0, beta1=recipe.beta1, beta2=recipe.beta2, eps=recipe.eps))
        self.updates = 0
        for _, p in named:
            self.state[p]["exp_avg"] = torch.zeros_like(p, memory_format=torch.contiguous_format)
            self.state[p]["exp_avg_sq"] = torch.zeros_like(p, memory_format=torch.contiguous_format)

    def set_lr(self, lr: float) -> None:
        for group in self.param_groups:
            group["lr"] = lr

    @torch.no_grad()
    def step(self, closure=None):
        self.updates += 1
        for group in self.param_groups:
            lr, b1, b2, wd = group["lr"], group["beta1"], group["beta2"], group["weight_decay"]
            c1 = 1 - b1 ** self.updates
            c2 = math.sqrt(1 - b2 ** self.updates)
            for p in group["params"]:
                g = p.grad if p.grad is not None else torch.zeros_like(p)
                m, v = self.state[p]["exp_avg"], self.state[p]["exp_avg_sq"]
                if wd != 0:
                    p.mul_(1 - lr * wd)
                m.sub_(g).mul_(b1).add_(g)
                squared = g.square()
                v.sub_(squared).mul_(b2).add_(squared)
                if lr == 0:
                    continue
                p.sub_(m.div(v.sqrt().add_(group["eps"] * c2).mul_(c1 / (lr * c2))))


# ----------------------------------------------------------------------------------------------------------------
# Engines
# ----------------------------------------------------------------------------------------------------------------

def collective(operation, *args):
    """Runs a collective; when a peer has died, says so instead of gloo's bare 'Connection closed by peer', so that
    this rank's line reads as the consequence of the failing rank's own."""
    try:
        return operation(*args)
    except RuntimeError as e:
        raise TrainerError(f"lost contact with another rank in {operation.__name__} (the rank that failed reports "
                           f"its own error): {e}") from e


class Replicated:
    """Every rank holds the whole float32 model (CPU/gloo, or one process). Gradients of the ranks are summed by an
    all-reduce per parameter in canonical order; every rank then applies the same update to the same bytes."""

    sharded = False

    def __init__(self, model: OptLM, request: Request, world: int):
        # torch.utils.checkpoint directly: torch 1.13's checkpoint_wrapper imports FSDP, which fails on Python 3.11
        model.decoder.checkpointing = request.activation_checkpointing
        self.module = model
        self.world = world
        self.device = torch.device("cpu")
        by_name = {clean_name(n): p for n, p in model.named_parameters()}
        self.named = [(n, by_name[n]) for n in parameter_shapes(model.config)]
        self.backward_factor = 1.0

    def reduce_gradients(self) -> None:
        for _, p in self.named:
            if p.grad is None:
                p.grad = torch.zeros_like(p)
            if self.world > 1:
                collective(dist.all_reduce, p.grad)

    def squared_norm_total(self, local: float) -> float:
        return local

    def full_state(self) -> Dict[str, "torch.Tensor"]:
        return {n: p.detach() for n, p in self.named}


class Fsdp:
    """CUDA: FSDP FULL_SHARD with one unit per decoder layer. use_orig_params exposes each parameter's local shard
    under its own name, so AdamW keeps its per-name weight-decay rule and the state is saved by name."""

    sharded = True

    def __init__(self, model: OptLM, request: Request, world: int, device: "torch.device"):
        from torch.distributed.fsdp import FullyShardedDataParallel, MixedPrecision, ShardingStrategy
        from torch.distributed.fsdp.wrap import ModuleWrapPolicy
        low = {"bfloat16": torch.bfloat16, "float16": torch.float16}.get(request.precision)
        mixed = MixedPrecision(param_dtype=low, reduce_dtype=torch.float32, buffer_dtype=low) if low else None
        model.sdpa = True
        self.fsdp = FullyShardedDataParallel
        self.module = FullyShardedDataParallel(
            model, auto_wrap_policy=ModuleWrapPolicy({DecoderLayer}), sharding_strategy=ShardingStrategy.FULL_SHARD,
            mixed_precision=mixed, device_id=device, use_orig_params=True)
        if request.activation_checkpointing:
            # inside each FSDP unit, as PyTorch's FSDP recipes do: the recomputation runs while the unit's
            # parameters are gathered for its backward
            from torch.distributed.algorithms._checkpoint.checkpoint_wrapper import (
                CheckpointImpl, apply_activation_checkpointing, checkpoint_wrapper)
            recompute = functools.partial(checkpoint_wrapper, checkpoint_impl=CheckpointImpl.NO_REENTRANT)
            apply_activation_checkpointing(self.module, checkpoint_wrapper_fn=recompute,
                                           check_fn=lambda m: isinstance(m, DecoderLayer))
        self.world = world
        self.device = device
        by_name = {clean_name(n): p for n, p in self.module.named_parameters()}
        self.named = [(n, by_name[n]) for n in parameter_shapes(model.config)]
        # FSDP averages gradients over ranks; the loss is already normalised by the global token count, so the
        # backward seed is scaled by the world size to get the sum (exact for a power-of-two world).
        self.backward_factor = float(world)

    def reduce_gradients(self) -> None:
        """The reduce-scatter ran inside backward (every micro-batch: no_sync would hold unsharded gradients)."""

    def squared_norm_total(self, local: float) -> float:
        total = torch.tensor([local], dtype=torch.float64, device=self.device)
        collective(dist.all_reduce, total)
        return float(total)

    def full_state(self) -> Dict[str, "torch.Tensor"]:
        """The whole model on rank 0 (others get an empty dict), gathered in float32 and offloaded to the CPU (from a
        GPU: offloading shards that already live on the CPU crashes torch 2.x)."""
        from torch.distributed.fsdp import FullStateDictConfig, StateDictType
        gather = FullStateDictConfig(offload_to_cpu=self.device.type == "cuda", rank0_only=True)
        with self.fsdp.state_dict_type(self.module, StateDictType.FULL_STATE_DICT, gather):
            state = self.module.state_dict()
        return {clean_name(n): t.float() for n, t in state.items()}


# ----------------------------------------------------------------------------------------------------------------
# Resumable state
# ----------------------------------------------------------------------------------------------------------------

def fingerprint(request: Request, config_text: str) -> str:
    """What a resumed run must share with the saved one: recipe (but not checkpoint_every), base, pad id,
    precision, shard layout, and each data file's size and first and last step (hashing every byte of a long run's
    data would cost a pass over it at every start)."""
    recipe = asdict(request.recipe)
    recipe.pop("checkpoint_every")
    h = hashlib.sha256(json.dumps({"recipe": recipe, "base": request.base, "config": config_text,
                                   "pad_id": request.pad_id, "precision": request.precision,
                                   "shards": [asdict(s) for s in request.shards]}, sort_keys=True).encode())
    for spec in request.shards:
        for kind in Shards.KINDS:
            path = os.path.join(request.data, f"{spec.name}.{kind}.npy")
            array = np.load(path, mmap_mode="r")
            h.update(f"{kind}:{os.path.getsize(path)}".encode())
            h.update(np.ascontiguousarray(array[0]).tobytes())
            h.update(np.ascontiguousarray(array[-1]).tobytes())
    return h.hexdigest()


def _state_dirs(output: str) -> List[Tuple[int, str]]:
    root = os.path.join(output, "state")
    if not os.path.isdir(root):
        return []
    found = []
    for name in os.listdir(root):
        path = os.path.join(root, name)
        if (name.startswith("step-") and name[5:].isdigit() and len(name) == 13
                and os.path.isfile(os.path.join(path, "state.json"))):
            found.append((int(name[5:]), path))
    return sorted(found)


def latest_state(output: str) -> Optional[str]:
    states = _state_dirs(output)
    return states[-1][1] if states else None


class Trainer:
    """One run: the engine, the optimizer, the step loop, states and the final checkpoint."""

    def __init__(self, request: Request, rank: int, world: int, log):
        self.request = request
        self.recipe = request.recipe
        self.rank, self.world, self.log = rank, world, log
        r = request.recipe
        if r.batch_size % (world * r.grad_accumulation):
            raise TrainerError(f"batch_size {r.batch_size} does not split into {world} ranks x "
                               f"{r.grad_accumulation} micro-batches")
        self.cuda = torch.cuda.is_available()
        if not self.cuda and request.precision != "float32":
            raise TrainerError(f"precision {request.precision} needs CUDA; this machine has none (use float32)")
        self.shards = Shards(request)
        base = BaseCheckpoint(request.base)
        self.config = base.config
        with open(os.path.join(request.base, "config.json"), encoding="utf-8") as f:
            self.fingerprint = fingerprint(request, f.read())
        model = load_model(base)
        del base
        self.engine = (Fsdp(model, request, world, torch.device("cuda", torch.cuda.current_device())) if self.cuda
                       else Replicated(model, request, world))
        self.optimizer = AdamW(self.engine.named, r)
        self.scaler = None
        if request.precision == "float16":
            from torch.distributed.fsdp.sharded_grad_scaler import ShardedGradScaler
            # LossScaler.forFloat16's schedule: 2^16 at first, doubled after 2000 clean steps, halved on overflow;
            # overflowing at its floor (MIN_LOSS_SCALE) fails the run, as there
            self.scaler = ShardedGradScaler(init_scale=65536.0, growth_interval=2000)
        self.curve: List[dict] = []
        self.tokens = 0
        self.step = 0

    # --- the step -------------------------------------------------------------------------------------------------

    def train_step(self, step: int) -> dict:
        r = self.recipe
        started = time.perf_counter()
        lr = learning_rate(r, step)
        global_batch = self.shards.rows(step, 0, r.batch_size)
        target_tokens = int((global_batch["labels"] != -100).sum())
        real_tokens = int((global_batch["segment_ids"] != 0).sum())
        if target_tokens == 0:
            raise TrainerError(f"{self.shards.where(step)}: the batch has no target token")
        per_rank = r.batch_size // self.world
        per_micro = per_rank // r.grad_accumulation
        dropout_rates = {ATTENTION_PROBS: self.config.attention_dropout, ATTENTION_OUT: r.dropout, FFN_OUT: r.dropout}
        # TuningRun.dropoutSeed, as a Java long reinterpreted unsigned
        step_seed = (r.seed * 1_000_003 + step) % (1 << 64)
        weight = self.engine.backward_factor / target_tokens
        loss_sum = 0.0
        for m in range(r.grad_accumulation):
            first = self.rank * per_rank + m * per_micro
            arrays = {k: v[first:first + per_micro] for k, v in global_batch.items()}
            batch = MicroBatch.build(arrays, first, self.config, self.shards.where(step), self.engine.device,
                                     64 if self.cuda else 1)
            dropout = RowDropout(dropout_rates, step_seed, batch.rows) if any(dropout_rates.values()) else None
            # Every micro-batch runs, even one without targets (its gradient is zero): under FSDP all ranks must
            # take part in the same collectives.
            nll = self.engine.module(batch.input_ids, batch.position_ids, batch.allowed, batch.loss_index,
                                     batch.loss_labels, dropout)
            (self.scaler.scale(nll) if self.scaler else nll).backward(torch.tensor(weight, dtype=nll.dtype,
                                                                                   device=nll.device))
            loss_sum += nll.item()
        self.engine.reduce_gradients()
        if self.world > 1:
            total = torch.tensor([loss_sum], dtype=torch.float64, device=self.engine.device)
            collective(dist.all_reduce, total)
            loss_sum = float(total)
        if self.scaler:
            self.scaler.unscale_(self.optimizer)
        norm = self._global_norm()
        applied = math.isfinite(norm)
        if applied:
            factor = clip_factor(norm, r.grad_clip)
            if factor != 1.0:
                for _, p in self.engine.named:
                    if p.grad is not None:
                        p.grad.mul_(factor)
        self.optimizer.set_lr(lr)
        if self.scaler:
            if not applied and self.scaler.get_scale() <= MIN_LOSS_SCALE:
                raise TrainerError(f"step {step}: gradients are not finite even at loss scale "
                                   f"{self.scaler.get_scale()}: the run diverged (lower the learning rate)")
            self.scaler.step(self.optimizer)
            self.scaler.update()
        elif applied:
            self.optimizer.step()
        else:
            raise TrainerError(f"step {step}: the gradient norm is {norm}; the run diverged (lower the learning rate)")
        self.optimizer.zero_grad(set_to_none=True)
        if self.cuda:
            torch.cuda.synchronize()
        seconds = time.perf_counter() - started
        loss = loss_sum / target_tokens
        point = {"step": step, "loss": loss if math.isfinite(loss) else None, "lr": lr,
                 "grad_norm": norm if applied else None,
                 "tokens_per_second": real_tokens / max(seconds, 1e-9), "target_tokens": target_tokens}
        if not applied:
            point["skipped"] = True
        self.tokens += real_tokens
        return point

    def _global_norm(self) -> float:
        """GlobalNorm.of: each gradient's float32 L2 norm, squared and summed in double in canonical order."""
        grads = [p.grad for _, p in self.engine.named if p.grad is not None and p.grad.numel()]
        norms = torch.stack([g.norm() for g in grads]).tolist() if grads else []
        local = 0.0
        for n in norms:
            local += n * n
        return math.sqrt(self.engine.squared_norm_total(local))

    # --- state ----------------------------------------------------------------------------------------------------

    def _state_file(self, directory: str, rank: int) -> str:
        return os.path.join(directory, f"rank-{rank:05d}.safetensors")

    def save_state(self) -> None:
        """Assembles state/.tmp-step-N (each writing rank fsyncs its file), then rank 0 writes state.json and
        renames the directory into place; older states and abandoned temporaries are deleted afterwards."""
        root = os.path.join(self.request.output, "state")
        temp = os.path.join(root, f".tmp-step-{self.step:08d}")
        if self.rank == 0:
            shutil.rmtree(temp, ignore_errors=True)
            os.makedirs(temp)
        self._barrier()
        if self.engine.sharded or self.rank == 0:
            tensors = {}
            for name, p in self.engine.named:
                tensors["weights/" + name] = p.detach()
                tensors["exp_avg/" + name] = self.optimizer.state[p]["exp_avg"]
                tensors["exp_avg_sq/" + name] = self.optimizer.state[p]["exp_avg_sq"]
            write_safetensors(self._state_file(temp, self.rank), tensors)
        self._barrier()
        if self.rank == 0:
            state = {"format": STATE_FORMAT, "fingerprint": self.fingerprint, "step": self.step,
                     "adam_updates": self.optimizer.updates, "world_size": self.world,
                     "sharded": self.engine.sharded, "scaler": self.scaler.state_dict() if self.scaler else None,
                     "tokens": self.tokens, "curve": self.curve}
            with open(os.path.join(temp, "state.json"), "w", encoding="utf-8") as f:
                json.dump(state, f, indent=1)
                f.flush()
                os.fsync(f.fileno())
            _fsync_dir(temp)
            target = os.path.join(root, f"step-{self.step:08d}")
            _replace_dir(temp, target)
            for name in os.listdir(root):
                if os.path.join(root, name) != target:
                    shutil.rmtree(os.path.join(root, name), ignore_errors=True)
        self._barrier()
        self.log(f"state saved at step {self.step}")

    def restore(self, directory: str) -> None:
        with open(os.path.join(directory, "state.json"), encoding="utf-8") as f:
            state = json.load(f)
        if state.get("format") != STATE_FORMAT:
            raise TrainerError(f"{directory}: not a trainer state of format {STATE_FORMAT}")
        if state["fingerprint"] != self.fingerprint:
            raise TrainerError(f"{directory}: saved by a run with another recipe, base model or training data; "
                               f"cannot resume it with these")
        if state["sharded"] != self.engine.sharded or (state["sharded"] and state["world_size"] != self.world):
            raise TrainerError(f"{directory}: saved by {state['world_size']} {'FSDP' if state['sharded'] else 'CPU'} "
                               f"ranks; resume it with the same engine and world size")
        saved = SafetensorsFile(self._state_file(directory, self.rank if state["sharded"] else 0))
        with torch.no_grad():
            for name, p in self.engine.named:
                for key, target in (("weights/", p), ("exp_avg/", self.optimizer.state[p]["exp_avg"]),
                                    ("exp_avg_sq/", self.optimizer.state[p]["exp_avg_sq"])):
                    if key + name not in saved.entries:
                        raise TrainerError(f"{saved.path}: saved state lacks {key + name!r}")
                    value = torch.from_numpy(saved.tensor(key + name))
                    if value.shape != target.shape:
                        raise TrainerError(f"{saved.path}: {key + name!r} has shape {list(value.shape)}, the model "
                                           f"{list(target.shape)}")
                    target.copy_(value)
        self.optimizer.updates = state["adam_updates"]
        if self.scaler and state["scaler"]:
            self.scaler.load_state_dict(state["scaler"])
        self.step, self.tokens, self.curve = state["step"], state["tokens"], state["curve"]
        if self.rank == 0:
            # the progress of steps after the state (lost with the process) would otherwise appear twice
            progress = os.path.join(self.request.output, "progress.jsonl")
            with open(progress + ".tmp", "w", encoding="utf-8") as f:
                f.writelines(json.dumps(p) + "\n" for p in self.curve)
            os.replace(progress + ".tmp", progress)
        self.log(f"resumed from {directory} at step {self.step}")

    def _barrier(self) -> None:
        if self.world > 1:
            collective(dist.barrier)

    # --- the run --------------------------------------------------------------------------------------------------

    def run(self, resume: bool) -> None:
        latest = latest_state(self.request.output)
        if latest and not resume:
            raise TrainerError(f"{self.request.output} holds the state of a tuning run ({os.path.basename(latest)}); "
                               f"resume it with --resume, or tune into an empty directory")
        r = self.recipe
        progress = os.path.join(self.request.output, "progress.jsonl")
        if latest:
            self.restore(latest)
        elif self.rank == 0 and os.path.exists(progress):
            os.remove(progress)     # left by a run that died before its first state: it starts over
        for step in range(self.step + 1, r.steps + 1):
            point = self.train_step(step)
            self.step = step
            self.curve.append(point)
            line = json.dumps(point)
            self.log(line)
            if self.rank == 0:
                with open(progress, "a", encoding="utf-8") as f:
                    f.write(line + "\n")
                print(line, flush=True)
            if step == r.steps or (r.checkpoint_every and step % r.checkpoint_every == 0):
                self.save_state()
        full = self.engine.full_state()
        if self.rank == 0:
            write_checkpoint(os.path.join(self.request.output, "model"), self.config, full, self.request.base)
            self.log("wrote " + os.path.join(self.request.output, "model"))
        self._barrier()


# ----------------------------------------------------------------------------------------------------------------
# Entry point
# ----------------------------------------------------------------------------------------------------------------

class RankLog:
    """output/logs/rank-<r>.log, appended line by line; Python warnings land here instead of on stderr."""

    def __init__(self, output: str, rank: int):
        os.makedirs(os.path.join(output, "logs"), exist_ok=True)
        self.file = open(os.path.join(output, "logs", f"rank-{rank}.log"), "a", encoding="utf-8", buffering=1)

    def __call__(self, message: str) -> None:
        self.file.write(f"{time.strftime('%Y-%m-%d %H:%M:%S')} {message}\n")

    def warning(self, message, category, filename, lineno, file=None, line=None):
        self(f"warning: {category.__name__}: {message} ({filename}:{lineno})")


def _start_distributed(cuda: bool) -> Tuple[int, int]:
    """(rank, world). Under torchrun the launcher's environment names them; alone, the world is one process, which
    needs no process group on the CPU and a local one for FSDP on CUDA."""
    world = int(os.environ.get("WORLD_SIZE", "1"))
    if cuda:
        torch.cuda.set_device(int(os.environ.get("LOCAL_RANK", "0")))
        if "MASTER_ADDR" not in os.environ:
            import socket
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                port = s.getsockname()[1]
            os.environ.update(MASTER_ADDR="127.0.0.1", MASTER_PORT=str(port), RANK="0", WORLD_SIZE="1")
        dist.init_process_group("nccl")
    elif world > 1:
        dist.init_process_group("gloo")
    return (dist.get_rank(), dist.get_world_size()) if dist.is_initialized() else (0, 1)


class _ArgumentParser(argparse.ArgumentParser):
    def error(self, message):
        raise TrainerError(f"bad command line: {message} (usage: trainer.py --data DATA [--resume])")


def main(argv: Optional[List[str]] = None) -> int:
    parser = _ArgumentParser(description="imlbench torchrun tuning backend (see the module docstring)")
    parser.add_argument("--data", required=True, help="the DATA directory with request.json and the shards")
    parser.add_argument("--resume", action="store_true", help="continue from the newest state in the output")
    rank = _env_rank()
    output = None
    log = None
    with warnings.catch_warnings():
        try:
            args = parser.parse_args(argv)
            request = Request.read(args.data)
            output = request.output
            log = RankLog(output, rank)
            warnings.showwarning = log.warning
            cuda = torch.cuda.is_available()
            check_requirements(cuda)
            rank, world = _start_distributed(cuda)
            log(f"rank {rank} of {world}, torch {torch.__version__}, numpy {np.__version__}, "
                f"{'CUDA ' + torch.cuda.get_device_name() if cuda else 'CPU'}, precision {request.precision}, "
                f"data {request.data}")
            Trainer(request, rank, world, log).run(args.resume)
            log("done")
            if dist.is_initialized():
                dist.destroy_process_group()
            return 0
        except Exception as e:
            message = str(e) if isinstance(e, TrainerError) else (
                f"{type(e).__name__}: {e} (traceback in {output}/logs/rank-{rank}.log)" if output
                else f"{type(e).__name__}: {e}")
            # No destroy_process_group here: it can block on collectives the other ranks will never join; the
            # launcher stops them once this process exits.
            report_failure(rank, output, message, traceback.format_exc())
            return 1
        finally:
            if log:
                log.file.close()


if __name__ == "__main__":
    sys.exit(main())
