#!/usr/bin/env python3
"""Writes the bundled portfolio example: two cooperating pilot chains (雨花台＋德清 跨区域质量提升协作).

Nanjing Yuhuatai software and IT services and Deqing geographic information share a quality-issue
catalogue (the cooperation harmonised it) and some firms: GIS platform and cloud-service vendors
that supply both.  Illustrative data built from public reporting, not official statistics.
Deterministic: the same seed writes the same files.  Usage: make_portfolio.py [OUT_DIR]
"""
import json
import os
import random
import sys

SEED = 20251130
AS_OF = "2025-06-30"

# The shared catalogue: same code, same name in both chains.
SHARED_ISSUES = [
    ("MTH-01", "需求变更与版本管理不规范", "method", 0.02),
    ("MTH-02", "交付验收标准不统一", "method", 0.015),
    ("MSR-03", "软件测试覆盖不足、缺少自动化测试", "measurement", 0.025),
    ("MAN-04", "项目经理和测试人员能力不足", "man", 0.01),
    ("ENV-05", "数据安全与保密管理不到位", "environment", 0.01),
    ("MAT-06", "外购组件与开源软件来源不清", "material", 0.01),
]
OWN_ISSUES = {
    "yuhuatai-software": [("MCH-07", "开发测试环境与生产环境不一致", "machine", 0.015),
                          ("MTH-08", "运维事件响应流程不完善", "method", 0.01)],
    "deqing-geoinfo": [("MCH-07", "测绘仪器检定不及时", "machine", 0.02),
                       ("MAT-09", "基础地理数据现势性差", "material", 0.025),
                       ("MSR-10", "成果质量检查（两级检查一级验收）执行不严", "measurement", 0.02)],
}

CHAINS = {
    "yuhuatai-software": {
        "name": "雨花台软件和信息技术服务", "region": "江苏省南京市雨花台区", "industry": "软件和信息技术服务",
        "prefix": "YH", "town": ["南京", "雨花", "软件谷", "金陵", "宁"],
        "segments": [("base", "基础软件与中间件", 0), ("app", "应用软件开发", 1), ("service", "信息技术服务与运维", 2),
                     ("integration", "行业解决方案集成", 3)],
        "counts": {"base": 12, "app": 26, "service": 18, "integration": 10},
        "leaders": [("integration", "南京云启智慧信息技术股份有限公司"), ("integration", "南京中科宁创数字科技集团有限公司")],
        "kinds": {"base": "软件科技", "app": "信息技术", "service": "数据服务", "integration": "系统集成"},
        "schemes": ["ISO9001", "ISO27001", "ISO20000"],
    },
    "deqing-geoinfo": {
        "name": "德清地理信息", "region": "浙江省湖州市德清县", "industry": "地理信息",
        "prefix": "DQ", "town": ["德清", "莫干山", "武康", "湖州", "地信小镇"],
        "segments": [("survey", "测绘数据采集", 0), ("processing", "地理信息数据处理", 1), ("platform", "GIS 软件与平台", 2),
                     ("application", "应用服务（智慧城市、导航）", 3)],
        "counts": {"survey": 14, "processing": 16, "platform": 8, "application": 14},
        "leaders": [("application", "浙江时空智联科技集团有限公司"), ("platform", "德清星图地理信息股份有限公司")],
        "kinds": {"survey": "测绘", "processing": "遥感信息", "platform": "地理信息软件", "application": "智慧城市科技"},
        "schemes": ["ISO9001", "ISO27001", "ISO20000"],
    },
}

# Firms in both chains: Nanjing vendors whose platforms and services Deqing firms also buy.
SHARED_FIRMS = [
    ("YH0901", "南京图灵云数据服务有限公司", "service", "platform", "small"),
    ("YH0902", "南京空间智图软件有限公司", "app", "platform", "micro"),
    ("YH0903", "南京安信网络安全技术有限公司", "service", "processing", "small"),
    ("YH0904", "南京北斗时空信息技术有限公司", "app", "survey", "medium"),
    ("YH0905", "江苏数测检测认证技术有限公司", "service", "application", "small"),
]

WORDS = ["睿", "智", "云", "数", "联", "创", "讯", "华", "博", "恒", "源", "拓", "维", "科", "信", "达", "图", "天", "锐", "星", "景", "启", "融", "泰"]
SIZES = {"micro": 0.45, "small": 0.35, "medium": 0.15, "large": 0.05}


def name(rng, town, kind, used):
    while True:
        n = "%s%s%s%s有限公司" % (rng.choice(town), rng.choice(WORDS), rng.choice(WORDS), kind)
        if n not in used:
            used.add(n)
            return n


def firm(rng, cid, spec, fid, fname, seg, role, catalogue):
    base = {"micro": 0.88, "small": 0.905, "medium": 0.93, "large": 0.95, "chain_leader": 0.97}[role]
    f = {"id": fid, "name": fname, "role": role, "segment": seg, "region": spec["region"],
         "first_pass_yield": round(min(0.995, max(0.75, rng.gauss(base, 0.025))), 3),
         "employees": int({"micro": rng.randint(5, 19), "small": rng.randint(20, 99), "medium": rng.randint(100, 299),
                           "large": rng.randint(300, 999), "chain_leader": rng.randint(1000, 4000)}[role])}
    f["revenue"] = float(round(f["employees"] * rng.uniform(30, 60)))
    certs = []
    p_cert = {"micro": 0.35, "small": 0.6, "medium": 0.85, "large": 0.95, "chain_leader": 1.0}[role]
    for k, scheme in enumerate(spec["schemes"]):
        if rng.random() < p_cert * (1.0 if k == 0 else 0.5):
            certs.append({"scheme": scheme, "status": "valid",
                          "expires": "%d-%02d-%02d" % (rng.randint(2025, 2028), rng.randint(1, 12), rng.randint(1, 28))})
    for c in certs:
        if c["expires"] < AS_OF:
            c["status"] = "expired"
    if certs:
        f["certifications"] = certs
    n_issues = {"micro": 3, "small": 2, "medium": 2, "large": 1, "chain_leader": 1}[role]
    picked = rng.sample(catalogue, rng.randint(0, n_issues))
    order = [c[0] for c in catalogue]
    picked.sort(key=lambda c: order.index(c[0]))
    if picked:
        f["issues"] = [{"code": c[0], "severity": rng.choice([1, 2, 2, 3, 3, 4])} for c in picked]
    f["maturity"] = rng.choice(["startup", "developing"] if role in ("micro", "small") else ["developing", "leaping"])
    return f


def build(cid, rng):
    spec = CHAINS[cid]
    catalogue = SHARED_ISSUES + OWN_ISSUES[cid]
    used = set()
    firms = []
    by_seg = {s: [] for s, _, _ in spec["segments"]}
    n = 0
    for seg, count in spec["counts"].items():
        for _ in range(count):
            n += 1
            role = rng.choices(list(SIZES), weights=list(SIZES.values()))[0]
            fid = "%s%04d" % (spec["prefix"], n)
            firms.append(firm(rng, cid, spec, fid, name(rng, spec["town"], spec["kinds"][seg], used), seg, role, catalogue))
            by_seg[seg].append(fid)
    leaders = []
    for seg, lname in spec["leaders"]:
        n += 1
        fid = "%s%04d" % (spec["prefix"], n)
        firms.append(firm(rng, cid, spec, fid, lname, seg, "chain_leader", catalogue))
        leaders.append(fid)
    shared = []
    for fid, fname, yh_seg, dq_seg, role in SHARED_FIRMS:
        seg = yh_seg if cid == "yuhuatai-software" else dq_seg
        f = firm(random.Random(fid), cid, spec, fid, fname, seg, role, SHARED_ISSUES)  # the same firm state in both files
        f["segment"] = seg
        f["region"] = "江苏省南京市雨花台区"
        firms.append(f)
        by_seg[seg].append(fid)
        shared.append(fid)

    # Links: each firm supplies one to three firms of later segments; leaders buy from every segment.
    order = [s for s, _, _ in spec["segments"]]
    links, seen = [], set()

    seg_of = {f["id"]: f["segment"] for f in firms}
    seg_name = {s: nm for s, nm, _ in spec["segments"]}

    # A customer's suppliers from one segment are alternative sources of one input (what that segment
    # delivers); acceptance testing (验收) catches most of what they get wrong.
    def link(s, c):
        if s != c and (s, c) not in seen:
            seen.add((s, c))
            links.append({"supplier": s, "customer": c, "input": seg_name[seg_of[s]],
                          "inspection": round(rng.uniform(0.6, 0.9), 2), "value": float(rng.randint(20, 800))})

    for k, seg in enumerate(order[:-1]):
        later = [x for s in order[k + 1:] for x in by_seg[s]]
        for s in by_seg[seg]:
            for c in rng.sample(later, min(len(later), rng.randint(1, 3))):
                link(s, c)
    for l in leaders:
        for seg in order:
            for s in rng.sample(by_seg[seg], min(len(by_seg[seg]), 3)):
                link(s, l)
    for s in shared:
        for l in leaders:
            link(s, l)
    for s in by_seg[order[-1]]:  # the last segment delivers to the leaders
        link(s, rng.choice(leaders))
    # Every firm has a link (customers of the earlier segments are drawn from later ones).
    linked = {x for e in links for x in (e["supplier"], e["customer"])}
    for f in firms:
        if f["id"] not in linked:
            link(f["id"], rng.choice(leaders))
    links.sort(key=lambda e: (e["customer"], e["supplier"]))
    return {
        "format": "qchain-chain/1",
        "chain": {"id": cid, "name": spec["name"], "region": spec["region"], "industry": spec["industry"],
                  "description": "示例数据：依据公开报道构造的示意性产业链（雨花台＋德清跨区域质量提升协作），非官方统计数据。",
                  "as_of": AS_OF},
        "segments": [{"id": s, "name": nm, "order": o} for s, nm, o in spec["segments"]],
        "issues": [{"code": c, "name": nm, "category": cat, "yield_loss": yl} for c, nm, cat, yl in catalogue],
        "firms": firms,
        "links": links,
    }


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    rng = random.Random(SEED)
    for cid in CHAINS:
        doc = build(cid, rng)
        with open(os.path.join(out, cid + ".json"), "w", encoding="utf-8") as fh:
            json.dump(doc, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
        print("%s.json: %d firms, %d links" % (cid, len(doc["firms"]), len(doc["links"])))


if __name__ == "__main__":
    main()
