"""Writes the tokenizer reference corpus, deterministic for a given MaskBench folder: a JSON array of
{"kind": ..., "text": ...} objects, kind naming the group a string comes from (maskbench, unicode, ...).

Usage: python3 make_corpus.py SHARED_DIR OUTPUT.json
The strings mix real MaskBench instances (serialized the way the benchmark does) with hand-made edge cases
for the pre-tokenizer regexes, the byte-level mapping, BPE merges and added-token splitting.
"""
import glob
import json
import os
import random
import sys

SEED = 20261123
MASKBENCH_INSTANCES = 1500
RANDOM_STRINGS = 1000


def maskbench_instances(shared_dir):
    files = sorted(glob.glob(os.path.join(shared_dir, "maskbench", "data", "*.json")))
    if not files:
        sys.exit(f"no MaskBench files under {shared_dir}/maskbench/data")
    instances = []
    for path in files:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        for test in doc.get("tests", []):
            text = json.dumps(test["data"], indent=None, ensure_ascii=False)
            try:
                text.encode("utf-8")
            except UnicodeEncodeError:
                continue  # lone surrogates from \ud8xx escapes: not text a tokenizer can receive
            instances.append(text)
    return random.Random(SEED).sample(instances, min(MASKBENCH_INSTANCES, len(instances)))


def unicode_cases():
    return [
        "日本語のテキストです。", "中文分词测试，包括标点！", "한국어 문장입니다", "Ｆｕｌｌｗｉｄｔｈ　ｓｐａｃｅ",
        "😀", "😀😃😄", "👨‍👩‍👧‍👦", "👩🏽‍💻 coding", "🏳️‍🌈", "❤️‍🔥", "🇫🇷🇯🇵", "a😀b", " 😀 ", "\"😀\": 1",
        "e\u0301", "cafe\u0301", "caf\u00e9", "A\u030a", "\u0041\u0308\u0301", "n\u0303o", "\u1e9b\u0323",
        "\u0915\u094d\u0937", "हिन्दी भाषा", "ไทยภาษา", "Ελληνικά κείμενο", "Русский текст, да.",
        "العربية نص", "שלום עולם", "مرحبا 123 hello", "abc \u202eRTL override\u202c def",
        "\u00a0nbsp\u00a0", "ideographic\u3000space", "x\u2028y\u2029z", "zero\u200bwidth", "soft\u00adhyphen",
        "Ⅻ roman numeral", "½ ¾ ²³", "٣٤٥ arabic digits", "１２３４ fullwidth digits", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 math",
        "\U0001F600\U0001F64F\U0001F680", "𠀀𠀁 ext-B", "ﬁ ligature", "Straße", "İstanbul ıi", "ǅungla",
        "Ω≈ç√∫˜µ≤≥÷", "→←↑↓", "…“quoted”‘single’", "—en–dash", "€100 £50 ¥30", "\u00e9\u00e9\u00e9\u00e9",
    ]


def digit_cases():
    cases = []
    for n in range(1, 21):
        digits = "".join(str((i * 7 + 3) % 10) for i in range(n))
        cases += [digits, " " + digits, "a" + digits, digits + "x", "-" + digits + ".5"]
    cases += ["3.14159", "-0.0001", "1e10", "6.02e+23", "1,000,000", "0x1F", "2026-11-23T09:15:00Z"]
    return cases


def whitespace_cases():
    cases = []
    for n in range(1, 12):
        cases += [" " * n, "\t" * n, "\n" * n, "\r\n" * n, "a" + " " * n + "b", " " * n + "a", "a" + " " * n]
    cases += [
        " \t \n ", "\n \n", "\r", "\r\r\n", " \r\n", "\r\n ", "a\r\nb", "a \r\n b", "\t\ta", "a\t\t", "\n\na\n\n",
        "  leading", "trailing  ", "  both  ", "mid  \t  dle", "\f\v", "x\u000by", "x \u3000 y",
        "{\n  \"a\": 1,\n  \"b\": [\n    2\n  ]\n}", "line1\nline2\r\nline3\rline4", ".\n\n\n", "word\n ",
    ]
    return cases


def contraction_cases():
    return [
        "'s", "'t", "'re", "'ve", "'m", "'ll", "'d", "'S", "'LL", "'Re", "'vE", "'D", "it's", "IT'S", "we'll",
        "WE'LL", "they're", "I'm", "you'd", "don't", "'sa", "'lls", "x'", "''", "' s", "rock'n'roll", "'123",
    ]


def code_cases():
    return [
        "def f(x):\n    return x ** 2\n",
        "for (int i = 0; i < n; i++) {\n\tsum += a[i];\n}",
        "const x = {a: 1, b: [1, 2, 3]};  // comment",
        "SELECT * FROM users WHERE id = 42;",
        "#include <stdio.h>\nint main(void) { printf(\"%d\\n\", 1); }",
        "<div class=\"x\">Hello &amp; bye</div>",
        "if x!=y&&z>=0||w<=-1: pass",
        "```json\n{\"key\": \"value\"}\n```",
        "$ ls -la /usr/local/bin | grep -v '^d'",
        "{\"a\":{\"b\":{\"c\":[null,true,false,1.5e-3]}}}",
        "\\\\server\\share\\path",
        "regex: ^[a-z]+(?:\\d{2,3})?$",
    ]


def special_token_cases():
    return [
        "<|eot_id|>", "<|begin_of_text|>Hello", "a<|eot_id|>b", " <|eot_id|> ", "<|eot_id|><|eot_id|>",
        "<|end_of_text|>", "<|eom_id|>", "<|start_header_id|>user<|end_header_id|>\n\nhi",
        "<|reserved_special_token_5|>", "<|reserved_special_token_250|>x", "<|eot_id|", "<|eot_id", "|eot_id|>",
        "<|endoftext|>", "<|im_start|>system\nYou are<|im_end|>", "<|im_end|>", "<think>\nhmm\n</think>",
        "<tool_call>{\"name\": \"f\"}</tool_call>", "<|fim_prefix|>a<|fim_suffix|>b<|fim_middle|>", "</s>", "<s>",
        "<<|eot_id|>>", "x<|im_end|><|endoftext|>y",
    ]


def random_strings():
    rng = random.Random(SEED + 1)
    ascii_printable = [chr(c) for c in range(0x20, 0x7F)]
    extra = list("\t\n\r") + list("éßñ中文😀—“”\u00a0\u3000") + ["e\u0301"]
    cases = []
    for _ in range(RANDOM_STRINGS):
        length = rng.randint(1, 60)
        pool = ascii_printable if rng.random() < 0.6 else ascii_printable + extra
        cases.append("".join(rng.choice(pool) for _ in range(length)))
    return cases


def long_cases():
    return ["a" * 1000, "ab" * 500, " " * 300, "9" * 200, "😀" * 100, "x" + "\n" * 200, "Lorem ipsum " * 100]


def main():
    shared_dir, output = sys.argv[1], sys.argv[2]
    groups = {
        "maskbench": maskbench_instances(shared_dir), "unicode": unicode_cases(), "digits": digit_cases(),
        "whitespace": whitespace_cases(), "contractions": contraction_cases(), "code": code_cases(),
        "special-tokens": special_token_cases(), "random": random_strings(), "long": long_cases(),
    }
    corpus = [{"kind": kind, "text": text} for kind, texts in groups.items() for text in texts]
    with open(output, "w", encoding="utf-8") as f:
        json.dump(corpus, f, ensure_ascii=False)


if __name__ == "__main__":
    main()
