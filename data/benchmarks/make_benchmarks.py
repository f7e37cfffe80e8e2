#!/usr/bin/env python3
"""Writes one illustrative qchain-benchmark/1 file per bundled pilot industry.

The figures are ILLUSTRATIVE: round reference levels chosen to show the method (a domestic advanced
level a few points above a typical small firm, an international level above that), the same rule for
every industry, not taken from any statistic. Every file says so (`"illustrative": true`) and so does
every figure's source. Replace them with published figures (industry association reports, national
quality supervision sampling results, leading firms' disclosed yields) before showing a comparison to
an official. Deterministic: the same pilots give the same files.
"""
import json
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
PILOTS = HERE.parent / "pilots"
SOURCE = "示意值（非官方统计）"
YEAR = 2024


def level(domestic, international):
    return {"domestic": domestic, "international": international, "source": SOURCE, "year": YEAR}


def entries(chain):
    leader_segments = {f["segment"] for f in chain["firms"] if f["role"] == "chain_leader" and "segment" in f}
    out = []
    for seg in sorted(chain["segments"], key=lambda s: (s["order"], s["id"])):
        if not any(f.get("segment") == seg["id"] for f in chain["firms"]):
            continue
        out.append({"segment": seg["id"],
                    "first_pass_yield": level(0.97, 0.985),
                    "certification_coverage": [dict(scheme="ISO9001", **level(0.6, 0.85))],
                    "issue_share": [dict(category=c, **level(d, i)) for c, d, i in
                                    (("material", 0.15, 0.08), ("method", 0.15, 0.08), ("measurement", 0.10, 0.05))]})
        # Micro firms and chain leaders are held against firms of their own size.
        out.append({"segment": seg["id"], "role": "micro", "first_pass_yield": level(0.95, 0.97),
                    "certification_coverage": [dict(scheme="ISO9001", **level(0.3, 0.5))]})
        if seg["id"] in leader_segments:
            out.append({"segment": seg["id"], "role": "chain_leader", "first_pass_yield": level(0.99, 0.995),
                        "certification_coverage": [dict(scheme="ISO9001", **level(1.0, 1.0))]})
    return out


def main():
    for path in sorted(PILOTS.glob("*.json")):
        if path.name.endswith(".before.json"):
            continue
        chain = json.loads(path.read_text(encoding="utf-8"))
        doc = {"format": "qchain-benchmark/1",
               "name": chain["chain"]["name"] + " · 国内外先进水平参照（示意）",
               "industry": chain["chain"].get("industry", ""),
               "illustrative": True,
               "description": "示意数据：各环节统一采用同一组整数化参照值，仅用于演示“与国际、国内先进水平的比对”的方法，"
                              "不是官方统计，不得作为评价依据。使用前请替换为行业协会报告、质量监督抽查结果等有出处的数据。",
               "entries": entries(chain)}
        out = HERE / path.name
        out.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
