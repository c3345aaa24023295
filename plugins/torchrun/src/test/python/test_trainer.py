"""Tests of the torchrun backend's trainer.py (stdlib unittest, torch and numpy only).

    cd plugins/torchrun/src/test/python && /usr/bin/python3 -m unittest -v

IMLBENCH_REPO (default: computed from this file) locates the repository, IMLBENCH_SHARED (default <repo>/../shared)
the reference fixtures; IMLBENCH_PYTHON (default: this interpreter) runs the trainer's subprocesses.
"""
import contextlib
import importlib.util
import io
import json
import math
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

import numpy as np
import torch

REPO = os.environ.get("IMLBENCH_REPO") or os.path.abspath(os.path.join(os.path.dirname(__file__), *[".."] * 5))
SHARED = os.environ.get("IMLBENCH_SHARED") or os.path.join(REPO, "..", "shared")
FIXTURES = os.path.join(SHARED, "fixtures", "opt")
TRAINER = os.path.join(REPO, "plugins", "torchrun", "src", "main", "resources", "org", "imlbench", "torchrun",
                       "trainer.py")
PYTHON = os.environ.get("IMLBENCH_PYTHON") or sys.executable
NAMES = ("opt-tiny", "opt-tiny-postln", "opt-tiny-bf16-sharded")


def load_trainer():
    spec = importlib.util.spec_from_file_location("imlbench_trainer", TRAINER)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module          # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


T = load_trainer()
with open(os.path.join(FIXTURES, "golden.json"), encoding="utf-8") as _f:
    GOLDEN = json.load(_f)["fixtures"]


def model_of(name, dtype=torch.float32):
    return T.load_model(T.BaseCheckpoint(os.path.join(FIXTURES, name)), dtype)


def left_padded_inputs(batch):
    ids = torch.tensor(batch["input_ids"])
    mask = torch.tensor(batch["attention_mask"]).bool()
    positions = (mask.long().cumsum(1) - 1).clamp(min=0) * mask          # Positions.fromMask
    n = ids.shape[1]
    allowed = (torch.ones(n, n, dtype=torch.bool).tril()[None] & mask[:, None, :])[:, None]   # AttentionMasks.causal
    return ids, positions, allowed, mask


def single_row(ids):
    ids = torch.tensor([ids])
    n = ids.shape[1]
    return ids, torch.arange(n)[None], torch.ones(n, n, dtype=torch.bool).tril()[None, None]


def target_batch(config, sources, targets, pad_id=1):
    """Right-padded rows of source + target, as MicroBatch sees them: segment 1, labels on target positions."""
    length = max(len(s) + len(t) for s, t in zip(sources, targets))
    ids = np.full((len(sources), length), pad_id, np.int32)
    seg = np.zeros_like(ids)
    labels = np.full_like(ids, -100)
    for r, (s, t) in enumerate(zip(sources, targets)):
        row = list(s) + list(t)
        ids[r, :len(row)] = row
        seg[r, :len(row)] = 1
        for j in range(len(s) - 1, len(row) - 1):
            labels[r, j] = row[j + 1]
    return T.MicroBatch.build({"input_ids": ids, "segment_ids": seg, "labels": labels}, 0, config, "test", "cpu")


def global_norm(model):
    return math.sqrt(sum(float(p.grad.double().norm()) ** 2 for p in model.parameters() if p.grad is not None))


class GoldenTest(unittest.TestCase):
    """The model against the float64 reference of every fixture (pre-LN, post-LN with projections, BF16 shards)."""

    def test_left_padded_logits(self):
        for name in NAMES:
            for dtype, tolerance in ((torch.float32, 1e-4), (torch.float64, 1e-9)):
                with self.subTest(name=name, dtype=dtype):
                    model = model_of(name, dtype)
                    batch = GOLDEN[name]["left_padded_batch"]
                    ids, positions, allowed, mask = left_padded_inputs(batch)
                    with torch.no_grad():
                        logits = model.logits(model.hidden(ids, positions, allowed)).double()
                    for b, expected in enumerate(batch["per_real_position"]):
                        real = logits[b, mask[b]]
                        self.assertEqual(real.argmax(-1).tolist(), expected["argmax"])
                        np.testing.assert_allclose(torch.logsumexp(real, -1).numpy(), expected["logsumexp"],
                                                   rtol=0, atol=tolerance)
                        np.testing.assert_allclose(real[:, :8].numpy(), expected["first8"], rtol=0, atol=tolerance)

    def test_options_and_greedy(self):
        for name in NAMES:
            with self.subTest(name=name):
                model = model_of(name, torch.float64)
                options = GOLDEN[name]["options"]
                for option, expected in zip(options["options"], options["sum_logprob"]):
                    ids = options["context"] + option
                    with torch.no_grad():
                        logp = model.logits(model.hidden(*single_row(ids)))[0].log_softmax(-1)
                    total = sum(float(logp[len(options["context"]) - 1 + k, tok]) for k, tok in enumerate(option))
                    self.assertAlmostEqual(total, expected, delta=1e-9)
                greedy = GOLDEN[name]["greedy"]
                ids = list(greedy["prompt"])
                for _ in range(greedy["max_new_tokens"]):
                    with torch.no_grad():
                        ids.append(int(model.logits(model.hidden(*single_row(ids)))[0, -1].argmax()))
                    if ids[-1] == greedy["eos_token_id"]:
                        break
                self.assertEqual(ids[len(greedy["prompt"]):], greedy["new_tokens"])

    def test_target_only_loss_and_gradient_norm(self):
        for name in NAMES:
            for dtype, loss_tol, norm_rel in ((torch.float32, 1e-4, 1e-3), (torch.float64, 1e-9, 1e-9)):
                with self.subTest(name=name, dtype=dtype):
                    model = model_of(name, dtype)
                    golden = GOLDEN[name]["target_only_loss"]
                    batch = target_batch(model.config, golden["source_ids"], golden["target_ids"],
                                         golden["pad_token_id"])
                    nll = model(batch.input_ids, batch.position_ids, batch.allowed, batch.loss_index,
                                batch.loss_labels)
                    count = batch.loss_index.numel()
                    (nll / count).backward()
                    self.assertEqual(count, sum(len(t) for t in golden["target_ids"]))
                    self.assertAlmostEqual(nll.item() / count, golden["mean_nll_over_target_tokens"], delta=loss_tol)
                    norm = global_norm(model)
                    self.assertAlmostEqual(norm / golden["global_grad_l2_norm"], 1.0, delta=norm_rel)


class PackingTest(unittest.TestCase):
    def test_packed_row_gives_each_example_its_own_log_probs(self):
        model = model_of("opt-tiny-postln")
        a = ([2, 101, 102, 103], [201, 202, 2])
        b = ([2, 301, 302], [401, 2])
        packed = a[0] + a[1] + b[0] + b[1]
        ids = np.array([packed + [1, 1]], np.int32)
        seg = np.array([[1] * 7 + [2] * 5 + [0, 0]], np.int32)
        labels = np.full_like(ids, -100)
        labels[0, 3:6] = [201, 202, 2]
        labels[0, 9:11] = [401, 2]
        batch = T.MicroBatch.build({"input_ids": ids, "segment_ids": seg, "labels": labels}, 0, model.config,
                                   "test", "cpu")
        self.assertEqual(batch.position_ids[0].tolist(), [0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4])   # padding trimmed

        def target_logprobs(micro):
            with torch.no_grad():
                hidden = model.hidden(micro.input_ids, micro.position_ids, micro.allowed)
                rows = hidden.reshape(-1, hidden.shape[-1])[micro.loss_index]
                return model.logits(rows).log_softmax(-1).gather(1, micro.loss_labels[:, None])[:, 0]

        separate = torch.cat([target_logprobs(target_batch(model.config, [s], [t])) for s, t in (a, b)])
        torch.testing.assert_close(target_logprobs(batch), separate, rtol=0, atol=1e-5)

    def test_mask_is_block_diagonal_causal_and_padding_sees_itself(self):
        seg = np.array([[1, 1, 2, 2, 2, 0], [1, 1, 1, 1, 1, 1]], np.int32)     # row 1 keeps row 0's padding
        arrays = {"input_ids": np.full((2, 6), 5, np.int32), "segment_ids": seg,
                  "labels": np.full((2, 6), -100, np.int32)}
        allowed = T.MicroBatch.build(arrays, 0, T.OptConfig(100, 8, 1, 2, 16, 16, 8), "test", "cpu").allowed[0, 0]
        expected = torch.tensor([[1, 0, 0, 0, 0, 0], [1, 1, 0, 0, 0, 0], [0, 0, 1, 0, 0, 0], [0, 0, 1, 1, 0, 0],
                                 [0, 0, 1, 1, 1, 0], [0, 0, 0, 0, 0, 1]], dtype=torch.bool)
        self.assertTrue(torch.equal(allowed, expected))

    def test_micro_batch_is_trimmed_to_its_longest_row(self):
        seg = np.array([[1, 1, 0, 0, 0], [1, 2, 2, 0, 0]], np.int32)
        arrays = {"input_ids": np.full((2, 5), 5, np.int32), "segment_ids": seg,
                  "labels": np.full((2, 5), -100, np.int32)}
        batch = T.MicroBatch.build(arrays, 4, T.OptConfig(100, 8, 1, 2, 16, 16, 8), "test", "cpu")
        self.assertEqual(tuple(batch.input_ids.shape), (2, 3))
        self.assertEqual(batch.rows, [4, 5])


class CheckpointFilesTest(unittest.TestCase):
    def test_written_safetensors_equal_save_pretrained_bytes(self):
        """The fixture was written by Hugging Face's save_pretrained; djl's writer and ours lay a file out alike."""
        source = os.path.join(FIXTURES, "opt-tiny")
        checkpoint = T.BaseCheckpoint(source)
        with tempfile.TemporaryDirectory() as tmp:
            T.write_checkpoint(os.path.join(tmp, "model"), checkpoint.config,
                               {n: checkpoint.tensor(n) for n in checkpoint.names()}, source)
            with open(os.path.join(tmp, "model", "model.safetensors"), "rb") as f:
                written = f.read()
            with open(os.path.join(source, "model.safetensors"), "rb") as f:
                self.assertEqual(written, f.read())
            self.assertEqual(sorted(os.listdir(os.path.join(tmp, "model"))),
                             ["config.json", "merges.txt", "model.safetensors", "special_tokens_map.json",
                              "tokenizer_config.json", "vocab.json"])
            self.assertEqual(T.BaseCheckpoint(os.path.join(tmp, "model")).config, checkpoint.config)

    def test_bf16_and_pickled_checkpoints_widen_to_float32(self):
        sharded = T.BaseCheckpoint(os.path.join(FIXTURES, "opt-tiny-bf16-sharded"))
        weight = sharded.tensor("decoder.layers.1.fc2.weight")
        self.assertEqual(weight.dtype, torch.float32)
        self.assertTrue(torch.equal(weight, weight.bfloat16().float()))      # exactly representable in bf16
        postln = T.BaseCheckpoint(os.path.join(FIXTURES, "opt-tiny-postln"))
        self.assertIn("decoder.project_in.weight", postln.names())
        self.assertNotIn("lm_head.weight", postln.names())

    def test_config_json_as_jackson_writes_it(self):
        config = T.BaseCheckpoint(os.path.join(FIXTURES, "opt-tiny-postln")).config
        text = config.to_json()
        self.assertTrue(text.startswith('{\n  "architectures" : [ "OPTForCausalLM" ],\n  "model_type" : "opt",\n'))
        self.assertIn('  "attention_dropout" : 0.0,\n  "dropout" : 0.1,\n', text)
        self.assertTrue(text.endswith('  "use_cache" : true,\n  "prefix" : "</s>"\n}\n'))
        parsed = json.loads(text)
        self.assertEqual(parsed["word_embed_proj_dim"], 16)
        self.assertFalse(parsed["do_layer_norm_before"])
        self.assertEqual([T._java_double(x) for x in (1e-5, 0.001, 2.5e7, 123.0, -0.0)],
                         ["1.0E-5", "0.001", "2.5E7", "123.0", "-0.0"])


class RecipeTest(unittest.TestCase):
    def recipe(self, **overrides):
        values = dict(steps=10, batch_size=4, grad_accumulation=1, max_seq_len=32, lr=1e-3, warmup_steps=2,
                      beta1=0.9, beta2=0.95, eps=1e-8, weight_decay=0.0, grad_clip=1.0, dropout=0.0, seed=1,
                      checkpoint_every=0)
        values.update(overrides)
        return T.Recipe(**values)

    def test_learning_rate_schedule(self):
        r = self.recipe()
        self.assertEqual([T.learning_rate(r, s) for s in (1, 2, 3, 10)], [5e-4, 1e-3, 1e-3, 1e-3 / 8])
        self.assertEqual(T.learning_rate(self.recipe(warmup_steps=0, steps=4), 1), 1e-3)

    def test_clip_factor_and_decay_rule(self):
        self.assertEqual(T.clip_factor(0.5, 1.0), 1.0)
        self.assertAlmostEqual(T.clip_factor(4.0, 1.0), 1.0 / (4.0 + 1e-6))
        self.assertEqual(T.clip_factor(4.0, 0.0), 1.0)
        decayed = [n for n in T.parameter_shapes(model_of("opt-tiny-postln").config) if T.decays(n)]
        self.assertIn("decoder.embed_tokens.weight", decayed)
        self.assertIn("decoder.project_in.weight", decayed)
        self.assertIn("decoder.layers.0.fc1.weight", decayed)
        self.assertFalse([n for n in decayed if n.endswith(".bias") or "layer_norm" in n])


# ----------------------------------------------------------------------------------------------------------------
# Training runs on hand-made DATA directories
# ----------------------------------------------------------------------------------------------------------------

BASE = os.path.join(FIXTURES, "opt-tiny")


def windows(count, seq, seed, vocab=50272):
    """Greedily packed windows (WindowStream) of random examples: BOS + source, target + EOS."""
    rng = np.random.default_rng(seed)
    out, current, used = [], [], 0
    while len(out) < count:
        example = ([2] + rng.integers(3, vocab, rng.integers(1, 8)).tolist(),
                   rng.integers(3, vocab, rng.integers(1, 5)).tolist() + [2])
        length = len(example[0]) + len(example[1])
        if current and used + length > seq:
            out.append(current)
            current, used = [], 0
        current.append(example)
        used += length
    return out


def write_data(root, output, steps, batch, seq, shard_steps=None, seed=0, base=BASE, checkpointing=False, **recipe):
    """A DATA directory as the Java side writes it."""
    values = dict(steps=steps, batch_size=batch, grad_accumulation=1, max_seq_len=seq, lr=1e-3, warmup_steps=2,
                  beta1=0.9, beta2=0.95, eps=1e-8, weight_decay=0.0, grad_clip=1.0, dropout=0.0, seed=1,
                  checkpoint_every=0)
    values.update(recipe)
    rows = windows(steps * batch, seq, seed)
    ids = np.full((steps * batch, seq), 1, np.int32)
    seg = np.zeros_like(ids)
    labels = np.full_like(ids, -100)
    for r, row in enumerate(rows):
        offset = 0
        for k, (source, target) in enumerate(row, start=1):
            tokens = source + target
            ids[r, offset:offset + len(tokens)] = tokens
            seg[r, offset:offset + len(tokens)] = k
            for j in range(len(source) - 1, len(tokens) - 1):
                labels[r, offset + j] = tokens[j + 1]
            offset += len(tokens)
    shard_steps = shard_steps or steps
    shards = []
    os.makedirs(root, exist_ok=True)
    for first in range(0, steps, shard_steps):
        n = min(shard_steps, steps - first)
        name = f"shard-{len(shards):05d}"
        for kind, array in (("input_ids", ids), ("segment_ids", seg), ("labels", labels)):
            np.save(os.path.join(root, f"{name}.{kind}.npy"),
                    array[first * batch:(first + n) * batch].reshape(n, batch, seq))
        shards.append({"name": name, "first_step": first + 1, "steps": n})
    request = {"format": "imlbench-torchrun/1", "base": base, "output": output, "recipe": values, "pad_id": 1,
               "precision": "float32", "activation_checkpointing": checkpointing, "shards": shards}
    with open(os.path.join(root, "request.json"), "w", encoding="utf-8") as f:
        json.dump(request, f, indent=1)
    return root


def run_in_process(data, *extra):
    """main() in this process (world size 1): no interpreter start-up."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = T.main(["--data", data, *extra])
    return code, out.getvalue(), err.getvalue()


def torchrun(nproc, log_dir):
    """The launcher command. torch 1.13's launcher cannot parse its own default --redirects 0 on Python 3.11
    (enum.Flag no longer iterates the zero member), so there stdout is redirected and tee'd explicitly."""
    from torch.distributed.elastic.multiprocessing.api import Std
    cmd = [PYTHON, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node", str(nproc)]
    if not isinstance(Std.from_str("0"), Std):
        cmd += ["--redirects", "1", "--tee", "1", "--log_dir", log_dir]
    return cmd


def environment():
    env = dict(os.environ, OMP_NUM_THREADS="1")
    for key in ("RANK", "WORLD_SIZE", "LOCAL_RANK", "MASTER_ADDR", "MASTER_PORT"):
        env.pop(key, None)
    return env


def progress(output):
    with open(os.path.join(output, "progress.jsonl"), encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def final_weights(output):
    saved = T.SafetensorsFile(os.path.join(output, "model", "model.safetensors"))
    return {n: torch.from_numpy(saved.tensor(n)) for n in saved.entries}


class TrainingTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="trainer-test-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def data(self, name, **kwargs):
        output = os.path.join(self.tmp, name, "out")
        return write_data(os.path.join(self.tmp, name, "data"), output, **kwargs), output

    def train(self, name, **kwargs):
        data, output = self.data(name, **kwargs)
        code, stdout, stderr = run_in_process(data)
        self.assertEqual(code, 0, stderr)
        return output, stdout

    def test_world_size_two_and_accumulation_give_the_losses_of_one_rank(self):
        # eps 1e-6 as in djl's data-parallel test: a key projection's bias has an exactly zero gradient in exact
        # arithmetic (softmax ignores a shift shared by all keys) but ~1e-10 of float32 noise, which eps 1e-8 would
        # turn into updates of ~lr in a direction set by rounding, different for every split of the batch
        setup = dict(steps=4, batch=4, seq=32, shard_steps=3, lr=1e-2, warmup_steps=1, eps=1e-6)
        single, stdout = self.train("single", **setup)
        self.assertEqual([json.loads(line)["step"] for line in stdout.splitlines()], [1, 2, 3, 4])
        accumulated, _ = self.train("accumulated", grad_accumulation=2, **setup)
        data, two = self.data("two", **setup)
        result = subprocess.run(torchrun(2, os.path.join(self.tmp, "logs")) + [TRAINER, "--data", data],
                                capture_output=True, text=True, env=environment(), timeout=120)
        self.assertEqual(result.returncode, 0, result.stderr)
        reference = progress(single)
        for other in (accumulated, two):
            points = progress(other)
            self.assertEqual([p["step"] for p in points], [1, 2, 3, 4])
            for p, q in zip(points, reference):
                self.assertAlmostEqual(p["loss"], q["loss"], delta=1e-5)
                self.assertAlmostEqual(p["grad_norm"], q["grad_norm"], delta=1e-5 * q["grad_norm"])
                self.assertEqual((p["lr"], p["target_tokens"]), (q["lr"], q["target_tokens"]))
            weights, expected = final_weights(other), final_weights(single)
            for name in expected:
                torch.testing.assert_close(weights[name], expected[name], rtol=0, atol=1e-5,
                                           msg=lambda text, name=name: f"{name}: {text}")
        self.assertGreater(reference[0]["loss"], reference[-1]["loss"])

    def test_dropout_masks_do_not_depend_on_the_split(self):
        setup = dict(steps=2, batch=4, seq=32, dropout=0.3)
        whole, _ = self.train("whole", **setup)
        split, _ = self.train("split", grad_accumulation=4, **setup)
        plain, _ = self.train("plain", steps=2, batch=4, seq=32)
        for p, q, r in zip(progress(whole), progress(split), progress(plain)):
            self.assertAlmostEqual(p["loss"], q["loss"], delta=1e-5)
            self.assertNotAlmostEqual(p["grad_norm"], r["grad_norm"], delta=1e-3)   # dropout did act

    def test_activation_checkpointing_recomputes_the_same_values(self):
        setup = dict(steps=2, batch=4, seq=32, dropout=0.2)
        plain, _ = self.train("plain", **setup)
        recomputed, _ = self.train("recomputed", checkpointing=True, **setup)
        self.assertEqual([p["loss"] for p in progress(plain)], [p["loss"] for p in progress(recomputed)])
        weights, expected = final_weights(recomputed), final_weights(plain)
        for name in expected:
            torch.testing.assert_close(weights[name], expected[name], rtol=0, atol=1e-7)

    def test_first_adamw_step_by_hand(self):
        lr, wd, eps = 1e-3, 0.1, 1e-8
        data, output = self.data("adam", steps=1, batch=4, seq=32, lr=lr, warmup_steps=0, weight_decay=wd,
                                 grad_clip=0.5)
        self.assertEqual(run_in_process(data)[0], 0)
        # the gradient of the batch's mean target loss, computed here independently of the trainer's loop
        model = model_of("opt-tiny")
        before = {n: p.detach().double().clone() for n, p in model.named_parameters()}
        arrays = {k: np.load(os.path.join(data, f"shard-00000.{k}.npy"))[0] for k in T.Shards.KINDS}
        batch = T.MicroBatch.build(arrays, 0, model.config, "test", "cpu")
        nll = model(batch.input_ids, batch.position_ids, batch.allowed, batch.loss_index, batch.loss_labels)
        (nll / batch.loss_index.numel()).backward()
        grads = {n: p.grad.double() for n, p in model.named_parameters()}
        norm = math.sqrt(sum(float(g.norm()) ** 2 for g in grads.values()))
        clip = min(1.0, 0.5 / (norm + 1e-6))
        self.assertLess(clip, 1.0)
        weights = final_weights(output)
        for name, p in before.items():
            g = grads[name] * clip
            m, v = 0.1 * g, 0.05 * g * g                                   # (1 - beta) g, t = 1
            decay = 0.0 if name.endswith(".bias") or "layer_norm" in name else wd
            expected = p * (1 - lr * decay) - lr / 0.1 * m / (v.sqrt() / math.sqrt(0.05) + eps)
            torch.testing.assert_close(weights["model." + name].double(), expected, rtol=0, atol=2e-6,
                                       msg=lambda text, name=name: f"{name}: {text}")

    def test_output_layout_and_refusal_to_overwrite_a_state(self):
        output, _ = self.train("layout", steps=3, batch=2, seq=32, checkpoint_every=2)
        self.assertEqual(sorted(os.listdir(output)), ["logs", "model", "progress.jsonl", "state"])
        self.assertEqual(os.listdir(os.path.join(output, "state")), ["step-00000003"])
        self.assertEqual(sorted(os.listdir(os.path.join(output, "state", "step-00000003"))),
                         ["rank-00000.safetensors", "state.json"])
        with open(os.path.join(output, "model", "config.json"), encoding="utf-8") as f:
            self.assertEqual(f.read(), T.BaseCheckpoint(BASE).config.to_json())
        point = progress(output)[0]
        self.assertEqual(sorted(point), ["grad_norm", "loss", "lr", "step", "target_tokens", "tokens_per_second"])
        code, _, stderr = run_in_process(os.path.join(self.tmp, "layout", "data"))
        self.assertEqual(code, 1)
        self.assertRegex(stderr, r"^trainer error \(rank 0\): .* holds the state of a tuning run \(step-00000003\)")
        # resuming a finished run only republishes its model
        self.assertEqual(run_in_process(os.path.join(self.tmp, "layout", "data"), "--resume")[0], 0)
        self.assertEqual(len(progress(output)), 3)


class ResumeTest(unittest.TestCase):
    def test_killed_and_resumed_run_ends_with_the_same_bytes(self):
        with tempfile.TemporaryDirectory(prefix="trainer-resume-") as tmp:
            # enough steps that the poll below always catches the run before it ends, even on a loaded machine
            setup = dict(steps=14, batch=8, seq=48, checkpoint_every=2, dropout=0.1, weight_decay=0.01)
            whole = os.path.join(tmp, "whole")
            data = write_data(os.path.join(tmp, "data-whole"), whole, **setup)
            self.assertEqual(subprocess.run([PYTHON, TRAINER, "--data", data], env=environment(),
                                            capture_output=True, timeout=120).returncode, 0)
            killed = os.path.join(tmp, "killed")
            data = write_data(os.path.join(tmp, "data-killed"), killed, **setup)
            process = subprocess.Popen([PYTHON, TRAINER, "--data", data], env=environment(),
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
            deadline = time.time() + 120
            while time.time() < deadline and process.poll() is None:
                if os.path.exists(os.path.join(killed, "progress.jsonl")) and len(progress(killed)) >= 3:
                    os.killpg(process.pid, signal.SIGKILL)
                    break
                time.sleep(0.002)
            self.assertEqual(process.wait(), -signal.SIGKILL, "the run ended before it could be killed")
            self.assertFalse(os.path.exists(os.path.join(killed, "model")))
            resumed = subprocess.run([PYTHON, TRAINER, "--data", data, "--resume"], env=environment(),
                                     capture_output=True, text=True, timeout=120)
            self.assertEqual(resumed.returncode, 0, resumed.stderr)
            with open(os.path.join(whole, "model", "model.safetensors"), "rb") as a, \
                    open(os.path.join(killed, "model", "model.safetensors"), "rb") as b:
                self.assertTrue(a.read() == b.read(), "resumed weights differ from the uninterrupted run's")
            self.assertEqual([(p["step"], p["loss"], p["grad_norm"]) for p in progress(killed)],
                             [(p["step"], p["loss"], p["grad_norm"]) for p in progress(whole)])


class FailureTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="trainer-fail-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_corrupt_shard_fails_in_one_line(self):
        output = os.path.join(self.tmp, "out")
        data = write_data(os.path.join(self.tmp, "data"), output, steps=4, batch=2, seq=32, shard_steps=2)
        path = os.path.join(data, "shard-00001.labels.npy")
        with open(path, "r+b") as f:
            f.truncate(os.path.getsize(path) // 2)
        result = subprocess.run([PYTHON, TRAINER, "--data", data], env=environment(), capture_output=True, text=True,
                                timeout=60)
        self.assertEqual(result.returncode, 1)
        first = result.stderr.splitlines()[0]
        self.assertTrue(first.startswith("trainer error (rank 0): ") and "shard-00001.labels.npy" in first, first)
        with open(os.path.join(output, "logs", "rank-0.log"), encoding="utf-8") as f:
            self.assertIn("Traceback", f.read())

    def test_a_rank_that_raises_is_named(self):
        output = os.path.join(self.tmp, "out")
        data = write_data(os.path.join(self.tmp, "data"), output, steps=3, batch=4, seq=32)
        path = os.path.join(data, "shard-00000.input_ids.npy")
        ids = np.load(path)
        ids[1, 3, 0] = 60000                       # step 2, row 3: rank 1's half of the batch
        np.save(path, ids)
        result = subprocess.run(torchrun(2, os.path.join(self.tmp, "logs")) + [TRAINER, "--data", data],
                                env=environment(), capture_output=True, text=True, timeout=120)
        self.assertNotEqual(result.returncode, 0)
        errors = [line for line in result.stderr.splitlines() if line.startswith("trainer error")]
        self.assertTrue(errors, result.stderr)
        self.assertRegex(errors[0], r"^trainer error \(rank 1\): .*step 2 .* row 3 position 0: input id 60000 is "
                                    r"outside the vocabulary of 50272$")
        with open(os.path.join(output, "logs", "rank-1.log"), encoding="utf-8") as f:
            self.assertIn("Traceback", f.read())

    def test_missing_or_old_torch_is_named_in_one_line(self):
        output = os.path.join(self.tmp, "out")
        data = write_data(os.path.join(self.tmp, "data"), output, steps=1, batch=1, seq=16)
        hide_torch = ("import runpy, sys; sys.modules['torch'] = None; "
                      f"sys.argv = ['trainer.py', '--data', {data!r}]; "
                      f"runpy.run_path({TRAINER!r}, run_name='__main__')")
        result = subprocess.run([PYTHON, "-c", hide_torch], env=environment(), capture_output=True, text=True,
                                timeout=60)
        self.assertEqual(result.returncode, 1)
        self.assertRegex(result.stderr.splitlines()[0],
                         r"^trainer error \(rank 0\): cannot import torch with .*; the trainer needs torch >= 1.13")
        self.assertTrue(os.path.isfile(os.path.join(output, "logs", "rank-0.log")))
        real = T.torch.__version__
        try:
            T.torch.__version__ = "1.12.1"
            with self.assertRaisesRegex(T.TrainerError, r"needs torch >= 1.13 .*; found torch 1.12.1 and numpy"):
                T.check_requirements(cuda=False)
            T.torch.__version__ = "1.13.1"
            with self.assertRaisesRegex(T.TrainerError, r"CUDA engine .* needs torch >= 2.0; found torch 1.13.1"):
                T.check_requirements(cuda=True)
        finally:
            T.torch.__version__ = real

    @unittest.skipIf(torch.cuda.is_available(), "a CUDA machine runs half precision")
    def test_half_precision_without_cuda_fails_in_one_line(self):
        output = os.path.join(self.tmp, "out")
        data = write_data(os.path.join(self.tmp, "data"), output, steps=1, batch=1, seq=16)
        with open(os.path.join(data, "request.json"), encoding="utf-8") as f:
            request = json.load(f)
        request["precision"] = "bfloat16"
        with open(os.path.join(data, "request.json"), "w", encoding="utf-8") as f:
            json.dump(request, f)
        code, _, stderr = run_in_process(data)
        self.assertEqual(code, 1)
        self.assertEqual(stderr, "trainer error (rank 0): precision bfloat16 needs CUDA; this machine has none "
                                 "(use float32)\n")


if __name__ == "__main__":
    unittest.main()
