#!/usr/bin/env python3
"""Regenerates the metrics module's golden test files from the reference implementations.

Needs NLTK (Debian: apt-get install python3-nltk; tested with 3.8). Not part of the build: the Java tests read the
files this script wrote. Run from this folder:  python3 make_golden.py

- porter-golden.tsv: word<TAB>stem by nltk.stem.porter.PorterStemmer() (default NLTK_EXTENSIONS mode), for a word list
  built here from hand-picked English words and every root x suffix combination below (so that every rule fires).
- niv2-golden.jsonl: prediction, references and the per-sample exact_match, rouge_l and token_f1, computed by
  Super-NaturalInstructions' eval/automatic/evaluation.py definitions (normalize_answer, exact_match,
  metric_max_over_ground_truths) with rouge_score's tokenize() and _score_lcs() transcribed below (rouge_score is not
  packaged for Debian) and NLTK's stemmer, on texts generated here from a fixed seed.
"""
import collections
import json
import random
import re
import string

from nltk.stem import porter

STEMMER = porter.PorterStemmer()

WORDS = """
caresses ponies ties caress cats feed agreed plastered bled motoring sing conflated troubled sized hopping tanned
falling hissing fizzed failing filing happy sky relational conditional rational valenci hesitanci digitizer
conformabli radicalli differentli vileli analogousli vietnamization predication operator feudalism decisiveness
hopefulness callousness formaliti sensitiviti sensibiliti triplicate formative formalize electriciti electrical
hopeful goodness revival allowance inference airliner gyroscopic adjustable defensible irritant replacement
adjustment dependent adoption homologou communism activate angulariti homologous effective bowdlerize probate rate
cease controll roll generalizations oscillators running runs ran run dying lying tying news innings outings cannings
howe proceed exceed succeed skies flies dies spied died enjoy enjoyment spy fly try archaeology geology theology
hopefully conditionally generously ies oed eed ied yyy syzygy toy trouble oats trees ivy troubles private oaten
orrery tr ee tree by agreement abatement national nationally nationalism nationalization sensational sensationally
university universities universal universally computer computing computed computes computation computational
analysis analyses analyzing analyzed analyst analytical analytically beautiful beautifully beauty beauties
connection connections connective connected connecting connect argue argued argues arguing argus argument arguments
organization organizations organize organized organizing organizer happiness happily unhappiness classification
classify classified classifies question questions questioned questioning answer answers answered answering
summarization summarize summarized summary summaries translation translate translated translating sentiment
sentiments sentimental positive negative neutral entailment contradiction hypothesis premise paraphrase
paraphrasing generation generating generated generative language languages linguistic linguistics
""".split()

ROOTS = "abl ag bat car cod connect dat disput form gener hop hous lov mat nation plan relat sens spi star tr".split()
SUFFIXES = ("", "s", "es", "ies", "sses", "ss", "ed", "eed", "ied", "ing", "ly", "y", "ational", "tional", "enci",
            "anci", "izer", "bli", "alli", "entli", "eli", "ousli", "ization", "ation", "ator", "alism", "iveness",
            "fulness", "ousness", "aliti", "iviti", "biliti", "fulli", "logi", "icate", "ative", "alize", "iciti",
            "ical", "ful", "ness", "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent",
            "sion", "tion", "ou", "ism", "ate", "iti", "ous", "ive", "ize", "e", "ll", "at", "bl", "iz")


def write_stems():
    words = sorted(set(WORDS) | {root + suffix for root in ROOTS for suffix in SUFFIXES})
    with open("../src/test/resources/porter-golden.tsv", "w") as out:
        for word in words:
            out.write(f"{word}\t{STEMMER.stem(word)}\n")
    return len(words)


# --- rouge_score's tokenize.tokenize and rouge_scorer._score_lcs / scoring.fmeasure, transcribed ---
def rouge_tokenize(text, stemmer):
    text = text.lower()
    text = re.sub(r"[^a-z0-9]+", " ", text)
    tokens = re.split(r"\s+", text)
    if stemmer:
        tokens = [stemmer.stem(x) if len(x) > 3 else x for x in tokens]
    return [x for x in tokens if re.match(r"^[a-z0-9]+$", x)]


def lcs_table(ref, can):
    table = [[0] * (len(can) + 1) for _ in range(len(ref) + 1)]
    for i in range(1, len(ref) + 1):
        for j in range(1, len(can) + 1):
            if ref[i - 1] == can[j - 1]:
                table[i][j] = table[i - 1][j - 1] + 1
            else:
                table[i][j] = max(table[i - 1][j], table[i][j - 1])
    return table


def rouge_l(prediction, target):
    target_tokens = rouge_tokenize(target, STEMMER)
    prediction_tokens = rouge_tokenize(prediction, STEMMER)
    if not target_tokens or not prediction_tokens:
        return 0.0
    lcs = lcs_table(target_tokens, prediction_tokens)[-1][-1]
    precision = lcs / len(prediction_tokens)
    recall = lcs / len(target_tokens)
    return 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0


# --- Super-NaturalInstructions eval/automatic/evaluation.py ---
def normalize_answer(s):
    def white_space_fix(text):
        return " ".join(text.split())

    def remove_punc(text):
        exclude = set(string.punctuation)
        return "".join(ch for ch in text if ch not in exclude)

    return white_space_fix(remove_punc(s.lower()))


def exact_match(prediction, ground_truth):
    return normalize_answer(prediction) == normalize_answer(ground_truth)


def metric_max_over_ground_truths(metric_fn, prediction, ground_truths):
    return max(metric_fn(prediction, ground_truth) for ground_truth in ground_truths)


# --- SQuAD v2.0 f1 on normalize_answer tokens ---
def token_f1(prediction, ground_truth):
    pred = normalize_answer(prediction).split()
    gold = normalize_answer(ground_truth).split()
    if not pred or not gold:
        return float(pred == gold)
    common = collections.Counter(pred) & collections.Counter(gold)
    num_same = sum(common.values())
    if num_same == 0:
        return 0.0
    precision = 1.0 * num_same / len(pred)
    recall = 1.0 * num_same / len(gold)
    return (2 * precision * recall) / (precision + recall)


SENTENCES = """
The quick brown fox jumps over the lazy dog.
A man is playing a guitar on the stage.
Running quickly, the runners ran to the finish line.
Positive
negative
It's a beautiful day, isn't it?
The answer is (A).
Generalizations about organizations are often misleading.
He said: "I'm connecting the connections"!
Café au lait costs 3.50€ — très cher…
The U.S.A. and the U.K. signed the agreement in 1999.
北京是中国的首都。
¿Dónde está la biblioteca?
The committee's decision was controversial; many argued against it.
yes
no
Not enough information
""".strip().split("\n")

NOISE = ["", " ", "  ", "\n", "\t", ".", "!", "?", ",", "...", "\u00a0", "\u2026", "'", "\"", "-", "(", ")"]


def perturb(rng, text):
    words = text.split(" ")
    op = rng.randrange(6)
    if op == 0:
        words = [w.upper() if rng.random() < 0.3 else w for w in words]
    elif op == 1 and len(words) > 1:
        del words[rng.randrange(len(words))]
    elif op == 2:
        words.insert(rng.randrange(len(words) + 1), rng.choice(WORDS))
    elif op == 3:
        rng.shuffle(words)
    elif op == 4:
        words = [w + rng.choice(NOISE) for w in words]
    return rng.choice(NOISE) + " ".join(words) + rng.choice(NOISE)


def write_pairs():
    rng = random.Random(20221212)
    rows = []
    for _ in range(400):
        base = rng.choice(SENTENCES)
        prediction = perturb(rng, base) if rng.random() < 0.85 else rng.choice(SENTENCES)
        references = [perturb(rng, base) if rng.random() < 0.7 else rng.choice(SENTENCES)
                      for _ in range(rng.randrange(1, 4))]
        rows.append({
            "prediction": prediction,
            "references": references,
            "exact_match": float(metric_max_over_ground_truths(exact_match, prediction, references)),
            "rouge_l": metric_max_over_ground_truths(rouge_l, prediction, references),
            "token_f1": metric_max_over_ground_truths(token_f1, prediction, references),
        })
    with open("../src/test/resources/niv2-golden.jsonl", "w") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return len(rows)


if __name__ == "__main__":
    print(write_stems(), "stems;", write_pairs(), "scored pairs")
