#!/usr/bin/env python3
"""Prints, one per line, the MaskBench files that `./schemagate maskbench PATH... --limit N --seed S` runs, so a
peer engine gets exactly the same files. Mirrors MaskBench.collectFiles and FileSampler.sample in the benchmarks
module: a partial Fisher-Yates shuffle of the path-sorted list driven by java.util.Random(seed), first N kept,
printed in path order.
usage: maskbench_sample.py --limit N [--seed S] PATH...
"""
import argparse
import os
import re
import sys

_MULTIPLIER = 0x5DEECE66D
_MASK_48 = (1 << 48) - 1


class JavaRandom:
    """java.util.Random: the 48-bit linear congruential generator and nextInt(bound) its Javadoc specifies."""

    def __init__(self, seed):
        self.state = (seed ^ _MULTIPLIER) & _MASK_48

    def next_bits(self, bits):
        self.state = (self.state * _MULTIPLIER + 0xB) & _MASK_48
        return self.state >> (48 - bits)

    def next_int(self, bound):
        if bound <= 0:
            raise ValueError("bound must be positive")
        r = self.next_bits(31)
        if bound & -bound == bound:
            return (bound * r) >> 31
        # Java rejects draws where `u - r + (bound - 1)` overflows a signed int: the incomplete last bucket.
        u = r
        r = u % bound
        while u - r + bound - 1 >= 1 << 31:
            u = self.next_bits(31)
            r = u % bound
        return r


def java_path(text):
    """The string Java's Path.of(text).toString() gives on Unix: repeated and trailing slashes removed."""
    text = re.sub("/+", "/", text)
    return text[:-1] if len(text) > 1 and text.endswith("/") else text


def java_order(path):
    # Java compares Strings by UTF-16 code unit; big-endian UTF-16 bytes compare the same way.
    return path.encode("utf-16-be", "surrogatepass")


def collect_files(paths):
    """A folder contributes its regular *.json files in path order; a .json file is taken as is."""
    files = []
    for given in paths:
        path = java_path(given)
        if os.path.isdir(path):
            children = [path.rstrip("/") + "/" + name for name in os.listdir(path) if name.endswith(".json")]
            files += sorted((c for c in children if os.path.isfile(c)), key=java_order)
        elif os.path.isfile(path) and path.endswith(".json"):
            files.append(path)
        else:
            raise SystemExit("maskbench_sample: not a .json file or a folder: " + given)
    return files


def sample(files, limit, seed):
    pool = sorted(files, key=java_order)
    if limit >= len(pool):
        return pool
    random = JavaRandom(seed)
    for i in range(limit):
        j = i + random.next_int(len(pool) - i)
        pool[i], pool[j] = pool[j], pool[i]
    return sorted(pool[:limit], key=java_order)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args()
    if args.limit < 1:
        raise SystemExit("maskbench_sample: --limit must be at least 1")
    if not -(1 << 63) <= args.seed < 1 << 63:
        raise SystemExit("maskbench_sample: --seed must fit a Java long")
    for path in sample(collect_files(args.paths), args.limit, args.seed):
        sys.stdout.write(path + "\n")


if __name__ == "__main__":
    main()
