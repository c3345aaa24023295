"""Reference renderings for imlbench's template parity test, made with Python's Jinja2 and the rules of
lm-evaluation-harness (lm_eval/api/task.py, lm_eval/utils.py, lm_eval/tasks/_yaml_loader.py) and PromptSource
(promptsource/templates.py), re-stated here so that neither needs to be installed.

    python3 render_reference.py lm-eval TASKS_DIR DATA_DIR K > out.json
    python3 render_reference.py promptsource TEMPLATES_DIR DATA_DIR K > out.json

Data layout: DATA_DIR/<dataset_path>/<dataset_name or "default">/<split>.jsonl. Prints one JSON object per task
(lm-eval) or template (PromptSource) with, for each evaluated document, the rendered input, choices, references, the
zero-shot prompt and the prompt with the first K few-shot documents (lm-eval's "first_n" sampler).
"""
import ast
import json
import os
import random
import re
import sys
import zlib

import jinja2
import yaml

# --- lm-evaluation-harness ------------------------------------------------------------------------------------------


def regex_replace(string, pattern, repl, count=0):
    return re.sub(pattern, repl, string, count=count)


LM_ENV = jinja2.Environment(loader=jinja2.BaseLoader, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
LM_ENV.filters["regex_replace"] = regex_replace


class Function:
    """A `!function` value: imlbench refuses such tasks, and so does this script."""

    def __init__(self, name):
        self.name = name


class Loader(yaml.SafeLoader):
    pass


Loader.add_constructor("!function", lambda loader, node: Function(loader.construct_scalar(node)))


def load_yaml(path, seen=()):
    if path in seen:
        raise ValueError("include cycle at " + path)
    with open(path, "rb") as f:
        cfg = yaml.load(f, Loader=Loader)
    if not isinstance(cfg, dict) or "include" not in cfg:
        return cfg
    includes = cfg.pop("include")
    merged = {}
    for inc in includes if isinstance(includes, list) else [includes]:
        inc_cfg = load_yaml(os.path.join(os.path.dirname(path), inc), seen + (path,))
        inc_cfg.pop("task_list", None)
        merged.update(inc_cfg)
    merged.update(cfg)
    return merged


def has_function(value):
    if isinstance(value, Function):
        return True
    if isinstance(value, dict):
        return any(has_function(v) for v in value.values())
    if isinstance(value, list):
        return any(has_function(v) for v in value)
    return False


def apply_template(template, doc):
    return LM_ENV.from_string(template).render(**doc)


def read_docs(data_dir, path, name, split):
    file = os.path.join(data_dir, path, name or "default", split + ".jsonl")
    with open(file, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


class LmTask:
    def __init__(self, cfg, data_dir):
        self.cfg = cfg
        get = cfg.get
        self.has_choice = get("doc_to_choice") is not None
        split = get("test_split") or get("validation_split")
        self.eval_docs = read_docs(data_dir, get("dataset_path"), get("dataset_name"), split)
        self.features = list(self.eval_docs[0].keys())
        fs = get("fewshot_config") or {}
        self.fs = {key: get(key) for key in ("doc_to_text", "doc_to_choice", "doc_to_target", "gen_prefix")}
        self.fs["fewshot_delimiter"] = get("fewshot_delimiter", "\n\n")
        self.fs["target_delimiter"] = get("target_delimiter", " ")
        self.fs["split"] = get("fewshot_split")
        self.fs.update(fs)
        if self.fs["split"] is not None:
            self.fewshot_docs = read_docs(data_dir, get("dataset_path"), get("dataset_name"), self.fs["split"])
        elif fs.get("samples") is not None:
            self.fewshot_docs = fs["samples"]
        else:
            pool = get("training_split") or get("validation_split") or get("test_split")
            self.fewshot_docs = read_docs(data_dir, get("dataset_path"), get("dataset_name"), pool)

    def doc_to_text(self, doc, template=None):
        template = self.cfg.get("doc_to_text") if template is None else template
        if isinstance(template, int):
            return template
        if template in self.features:
            return doc[template]
        text = apply_template(template, doc)
        return ast.literal_eval(text) if text.isdigit() and self.has_choice else text

    def doc_to_target(self, doc, template=None):
        template = self.cfg.get("doc_to_target") if template is None else template
        if isinstance(template, (int, list)):
            return template
        if template in self.features:
            return doc[template]
        text = apply_template(template, doc)
        if text.isdigit() and self.has_choice:
            return ast.literal_eval(text)
        if len(text) >= 2 and text[0] == "[" and text[-1] == "]":
            try:
                return ast.literal_eval(text)
            except (SyntaxError, ValueError):
                return text
        return text

    def doc_to_choice(self, doc, template=None):
        template = self.cfg.get("doc_to_choice") if template is None else template
        if isinstance(template, str):
            if template in self.features:
                return doc[template]
            return ast.literal_eval(apply_template(template, doc))
        if isinstance(template, list):
            return template
        return list(template.values())

    def resolve_field(self, doc, field):
        if field:
            return doc[field] if field in doc else apply_template(field, doc)
        return None

    def doc_to_prefix(self, doc):
        prefix = self.cfg.get("gen_prefix")
        if prefix is None:
            return None
        return doc[prefix] if prefix in self.features else apply_template(prefix, doc)


def maybe_delimit(prefix, suffix, delimiter=" "):
    if not prefix:
        return suffix or ""
    if not suffix:
        return prefix or ""
    return prefix + delimiter + suffix if not (prefix[-1].isspace() or suffix[0].isspace()) else prefix + suffix


def requires_delimiter(prefix, suffix):
    return prefix != "" and not (prefix[-1].isspace() or suffix[0].isspace())


def qa_turn(q, c, a, gen_prefix, tgt_delim, few_delim):
    has_answer = a is not None and a != ""
    if has_answer and not gen_prefix:
        user_delim = tgt_delim
    elif gen_prefix and requires_delimiter(q, gen_prefix):
        user_delim = tgt_delim
    else:
        user_delim = ""
    text = q + user_delim
    if has_answer:
        answer = c[a] if (c and isinstance(a, int)) else a[0] if isinstance(a, list) else a
        text += maybe_delimit(gen_prefix, answer, " ") + few_delim
    elif gen_prefix:
        text += gen_prefix
    return text


def lm_context(task, doc, k):
    cfg = task.cfg
    out = task.resolve_field(doc, cfg.get("description", "")) or ""
    if k > 0:
        same = task.fs["split"] == cfg.get("test_split")
        pool = [d for d in task.fewshot_docs if d != doc] if same else task.fewshot_docs
        for fs_doc in pool[:k]:
            q = task.doc_to_text(fs_doc, task.fs["doc_to_text"])
            c = task.doc_to_choice(fs_doc, task.fs["doc_to_choice"]) if task.fs["doc_to_choice"] else None
            a = task.doc_to_target(fs_doc, task.fs["doc_to_target"])
            prefix = task.resolve_field(fs_doc, task.fs["gen_prefix"])
            out += qa_turn(q, c, a, prefix, task.fs["target_delimiter"], task.fs["fewshot_delimiter"])
    q = task.doc_to_text(doc)
    c = task.doc_to_choice(doc) if task.has_choice else None
    return out + qa_turn(q, c, None, task.doc_to_prefix(doc), cfg.get("target_delimiter", " "), "")


def lm_eval(root, data_dir, k):
    results = []
    for folder, dirs, files in sorted(os.walk(root)):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith(".yaml"):
                continue
            path = os.path.join(folder, name)
            cfg = load_yaml(path)
            if not isinstance(cfg, dict) or not isinstance(cfg.get("task"), str) or has_function(cfg):
                continue
            try:
                docs = lm_docs(cfg, data_dir, k)
            except Exception as e:  # the Java side must refuse such a task too
                results.append({"file": os.path.relpath(path, root), "task": cfg["task"],
                                "error": type(e).__name__ + ": " + str(e)})
                continue
            results.append({"file": os.path.relpath(path, root), "task": cfg["task"], "docs": docs})
    return results


def lm_docs(cfg, data_dir, k):
    task = LmTask(cfg, data_dir)
    docs = []
    for doc in task.eval_docs:
        text = task.doc_to_text(doc)
        target = task.doc_to_target(doc)
        choices = [str(c) for c in task.doc_to_choice(doc)] if task.has_choice else None
        if isinstance(target, list):
            golds = [choices[t] if choices and isinstance(t, int) else str(t) for t in target]
        elif isinstance(target, int) and choices is not None:
            golds = [choices[target]]
        else:
            golds = [str(target)]
        delimiter = cfg.get("target_delimiter", " ")
        shots = min(k, len(task.fewshot_docs) - 1)
        docs.append({"text": text, "choices": choices, "references": golds,
                     "continuations": [delimiter + c for c in choices] if choices else None,
                     "target": delimiter + golds[0],
                     "prompt": lm_context(task, doc, 0), "shots": shots,
                     "promptWithShots": lm_context(task, doc, shots)})
    return docs


# --- PromptSource -----------------------------------------------------------------------------------------------------

PS_ENV = jinja2.Environment(loader=jinja2.BaseLoader, undefined=jinja2.StrictUndefined)
PS_ENV.globals.update(zip=zip)
PIPE = "3ed2dface8203c4c9dfb1a5dc58e41e0"


def ps_choice(choices):
    return random.choice(choices)


def ps_most_frequent(items):
    if not items:
        return None
    counts = {}
    for item in items:
        counts[item] = counts.get(item, 0) + 1
    ordered = sorted(counts.items(), key=lambda kv: -kv[1])
    top = ordered[0][1]
    return [item for item, count in ordered if count == top]


PS_ENV.filters["choice"] = ps_choice
PS_ENV.filters["most_frequent"] = ps_most_frequent
PS_ENV.filters["highlight"] = lambda s: "<span style='color: #F08080'>" + s + "</span>"


class PsLoader(yaml.SafeLoader):
    pass


PsLoader.add_constructor("!Template", lambda loader, node: loader.construct_mapping(node, deep=True))
PsLoader.add_constructor("!TemplateMetadata", lambda loader, node: loader.construct_mapping(node, deep=True))


def protect(doc):
    return {key: value.replace("|||", PIPE) if isinstance(value, str) else value for key, value in doc.items()}


def ps_choices(template, doc):
    if template.get("answer_choices") is None:
        return None
    rendered = PS_ENV.from_string(template["answer_choices"]).render(**protect(doc))
    return [part.strip().replace(PIPE, "|||") for part in rendered.split("|||")]


def ps_apply(template, doc, seed):
    # The random draws of the `choice` filter are seeded per document, as imlbench does (CRC-32 of the task and
    # document index); the choices are those the template saw.
    random.seed(seed)
    jinja = template["jinja"].replace("}}", " | string | truncate(2048) }}")
    example = protect(doc)
    choices = ps_choices(template, doc)
    example["answer_choices"] = choices
    rendered = PS_ENV.from_string(jinja).render(**example)
    return [part.replace(PIPE, "|||").strip() for part in rendered.split("|||")], choices


def promptsource(root, data_dir, k):
    results = []
    for folder, dirs, files in sorted(os.walk(root)):
        dirs.sort()
        if "templates.yaml" not in files:
            continue
        with open(os.path.join(folder, "templates.yaml"), encoding="utf-8") as f:
            collection = yaml.load(f, Loader=PsLoader)
        dataset, subset = collection["dataset"], collection.get("subset")
        docs = read_docs(data_dir, dataset, subset, "validation")
        for template in sorted(collection["templates"].values(), key=lambda t: t["name"]):
            task = dataset + ("/" + subset if subset else "") + "/" + template["name"]
            rendered = []
            for index, doc in enumerate(docs):
                seed = zlib.crc32((task + "/" + str(index)).encode("utf-8"))
                parts, choices = ps_apply(template, doc, seed)
                rendered.append({"parts": parts, "choices": choices})
            results.append({"file": os.path.relpath(os.path.join(folder, "templates.yaml"), root), "task": task,
                            "docs": rendered})
    return results


if __name__ == "__main__":
    mode, root, data, shots = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    out = lm_eval(root, data, shots) if mode == "lm-eval" else promptsource(root, data, shots)
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
