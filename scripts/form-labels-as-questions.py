#!/usr/bin/env python3
"""Writes a question set that asks a form set's labels in words: each `key-value` question "Date:"
becomes the `open` question "What is the date?", with the same document and answers. It measures
how Docket answers forms asked the way people ask (docket eval OUT/qa.jsonl).

  scripts/form-labels-as-questions.py ../shared/eval/funsd-train OUT

OUT gets qa.jsonl and a `documents` link to the set's documents: nothing is copied.
"""
import json
import os
import re
import sys


def main(source, out):
    os.makedirs(out, exist_ok=True)
    link = os.path.join(out, "documents")
    if not os.path.lexists(link):
        os.symlink(os.path.abspath(os.path.join(source, "documents")), link)
    written = 0
    with open(os.path.join(source, "qa.jsonl")) as questions, open(os.path.join(out, "qa.jsonl"), "w") as asked:
        for line in questions:
            question = json.loads(line)
            label = re.sub(r"[:\s._-]+$", "", question["question"]).strip()
            if question.get("kind") != "key-value" or not re.search("[A-Za-z]", label) or len(label) > 40:
                continue
            question["question"] = f"What is the {label.lower()}?"
            question["kind"] = "open"
            asked.write(json.dumps(question) + "\n")
            written += 1
    print(f"{written} questions in {os.path.join(out, 'qa.jsonl')}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
