"""Extraction time against text length, for texts of several shapes.

Extraction must grow linearly with the text whatever its shape: this prints,
for each shape, the seconds to extract 20 KB and 200 KB of it and their ratio
(about 10 is linear; the issue's bar is under 20 s for 200 KB).

Shapes:
  numbers    one sentence of figures and enumerations ("12, 345 and 6,789 killed, 10 soldiers and 11 ...")
  toll       one toll sentence repeated, with a huge number, no full stop between
  nostop     ordinary words and figures in one sentence with no full stop
  sentences  ordinary security-news sentences (EN and FR)

Usage::

    python bench/bench_long_text.py            # 20 KB and 200 KB of each shape
    python bench/bench_long_text.py --sizes 20000,50000
"""
from __future__ import annotations

import argparse
import datetime as dt
import time

from harmattan.pipeline import run_pipeline
from harmattan.records import Document

_UNITS = {
    "numbers": "12, 345 and 6,789 killed, 10 soldiers and 11 ",
    "toll": "and the toll rose to 123456789012345678901234567890 dead and 40 wounded in Djibo, police said ",
    "nostop": "gunmen killed 12 villagers in Mopti on Friday while 3 soldiers were wounded and 14 people were abducted near Gao, "
              "des hommes armés ont tué 7 civils à Dori mardi, ",
    "sentences": "Gunmen killed 12 villagers in the Mopti region of Mali on Friday, officials said. "
                  "Des hommes armés ont tué sept civils à Dori, dans la région du Sahel, mardi. "
                  "The army said it had repelled the attack and neutralised 20 assailants. ",
}


def _text(shape: str, size: int) -> str:
    unit = _UNITS[shape]
    return (unit * (size // len(unit) + 1))[:size]


def time_one(text: str) -> float:
    doc = Document("bench", "bench", text, published=dt.date(2025, 3, 14))
    start = time.perf_counter()
    result = run_pipeline([doc])
    elapsed = time.perf_counter() - start
    if result.errors:
        raise SystemExit(f"extraction failed: {result.errors[0]}")
    return elapsed


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="20000,200000", help="comma-separated text sizes in characters")
    parser.add_argument("--shapes", default=",".join(_UNITS), help="comma-separated shapes")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    time_one("Gunmen killed 5 people in Mopti on Friday.")  # warm-up: knowledge loaded once
    print(f"{'shape':<10} " + " ".join(f"{s // 1000:>7} KB" for s in sizes) + "   ratio")
    for shape in args.shapes.split(","):
        times = [time_one(_text(shape, size)) for size in sizes]
        ratio = times[-1] / times[0] if times[0] > 0 else float("nan")
        print(f"{shape:<10} " + " ".join(f"{t:>8.2f}s" for t in times) + f"   {ratio:5.1f}x")


if __name__ == "__main__":
    main()
