#!/usr/bin/env python3
"""Writes umbrella-38.json: a 38-firm umbrella chain (伞布, 伞骨, 伞柄及配件, two chain leaders at
97.2 % and 96.5 % first-pass yield), the case in which passing every first-pass failure downstream
gave the leaders a delivered yield of about 28 %. Deterministic; illustrative, not survey data."""
import json, pathlib

segments = [
    {"id": "fabric", "name": "伞布", "order": 0},
    {"id": "frame", "name": "伞骨", "order": 0},
    {"id": "handle", "name": "伞柄及配件", "order": 0},
    {"id": "assembly", "name": "整伞", "order": 1},
]
firms, links = [], []

def firm(fid, name, role, seg, fpy, **kw):
    firms.append(dict(id=fid, name=name, role=role, segment=seg, first_pass_yield=fpy, **kw))

def link(s, c, inp, share=None, **kw):
    l = dict(supplier=s, customer=c, input=inp)
    if share is not None:
        l["share"] = share
    l.update(kw)
    links.append(l)

firm("SY01", "上虞伞业集团", "chain_leader", "assembly", 0.972, revenue=52000)
firm("SY02", "浙江天堂伞业", "chain_leader", "assembly", 0.965, revenue=38000)
# Tier 2: yarn, steel wire, plastics for the component makers.
tier2 = [("SY10", "绍兴涤纶纱线厂", "fabric", 0.955), ("SY11", "上虞色织厂", "fabric", 0.948),
         ("SY12", "宁波钢丝拉丝厂", "frame", 0.962), ("SY13", "上虞冷拔钢管厂", "frame", 0.951),
         ("SY14", "余姚塑料粒子厂", "handle", 0.966), ("SY15", "上虞木柄加工厂", "handle", 0.935)]
for fid, name, seg, fpy in tier2:
    firm(fid, name, "micro", seg, fpy)
# Tier 1: the component makers, each with its inputs from tier 2.
comps = [
    ("SY20", "伞布织造一厂", "fabric", 0.942, "伞布", [("SY10", "纱线")]),
    ("SY21", "伞布织造二厂", "fabric", 0.951, "伞布", [("SY10", "纱线"), ("SY11", "纱线")]),
    ("SY22", "防水涂层厂", "fabric", 0.938, "伞布", [("SY11", "坯布")]),
    ("SY23", "印花伞布厂", "fabric", 0.947, "伞布", [("SY10", "纱线")]),
    ("SY24", "伞骨冲压厂", "frame", 0.953, "伞骨", [("SY12", "钢丝")]),
    ("SY25", "玻纤伞骨厂", "frame", 0.944, "伞骨", [("SY12", "钢丝")]),
    ("SY26", "中棒制造厂", "frame", 0.958, "中棒", [("SY13", "钢管")]),
    ("SY27", "伞骨铆接厂", "frame", 0.936, "伞骨", [("SY12", "钢丝")]),
    ("SY28", "中棒二厂", "frame", 0.949, "中棒", [("SY13", "钢管")]),
    ("SY29", "伞柄注塑厂", "handle", 0.957, "伞柄", [("SY14", "塑料粒子")]),
    ("SY30", "木伞柄厂", "handle", 0.929, "伞柄", [("SY15", "木柄坯")]),
    ("SY31", "伞珠厂", "handle", 0.961, "伞珠", [("SY14", "塑料粒子")]),
    ("SY32", "弹簧厂", "handle", 0.954, "弹簧", [("SY12", "钢丝")]),
    ("SY33", "按钮开关厂", "handle", 0.946, "开关", [("SY14", "塑料粒子")]),
    ("SY34", "伞尾伞头厂", "handle", 0.959, "伞头", [("SY14", "塑料粒子")]),
    ("SY35", "伞套缝制厂", "fabric", 0.940, "伞套", [("SY10", "纱线")]),
    ("SY36", "织带厂", "fabric", 0.952, "织带", [("SY10", "纱线")]),
    ("SY37", "上巢厂", "frame", 0.947, "上巢", [("SY14", "塑料粒子")]),
    ("SY38", "下巢厂", "frame", 0.950, "下巢", [("SY14", "塑料粒子")]),
    ("SY39", "自动伞机芯厂", "frame", 0.931, "机芯", [("SY12", "钢丝"), ("SY13", "钢管")]),
    ("SY40", "伞布裁剪厂", "fabric", 0.955, "伞布", [("SY20", "伞布")]),
    ("SY41", "包装印刷厂", "handle", 0.968, "包装", [("SY15", "木柄坯")]),
]
for fid, name, seg, fpy, product, ins in comps:
    firm(fid, name, "small" if fpy > 0.95 else "micro", seg, fpy)
    for s, inp in ins:
        link(s, fid, inp)
# Micro workshops making sub-parts for the rib and handle makers.
subs = [("SY50", "铆钉作坊", "frame", 0.945, "SY27", "铆钉"), ("SY51", "伞骨电镀作坊", "frame", 0.933, "SY24", "电镀"),
        ("SY52", "木柄打磨作坊", "handle", 0.927, "SY30", "打磨"), ("SY53", "伞布缝边作坊", "fabric", 0.939, "SY22", "缝边"),
        ("SY54", "伞布染色厂", "fabric", 0.943, "SY23", "染色"), ("SY55", "防晒涂层作坊", "fabric", 0.936, "SY21", "涂层"),
        ("SY56", "弹簧钢丝作坊", "handle", 0.948, "SY32", "钢丝"), ("SY57", "注塑模具作坊", "handle", 0.952, "SY29", "模具")]
for fid, name, seg, fpy, cust, inp in subs:
    firm(fid, name, "micro", seg, fpy)
    link(fid, cust, inp)
# The leaders' inputs: every component, several with alternative sources.
def buy(leader, product, sources):
    # Shares as a survey writes them: rounded to two places, adding up to 1 only nearly (0.33 × 3).
    share = round(1.0 / len(sources), 2) if len(sources) > 1 else None
    for s in sources:
        link(s, leader, product, share)
buy("SY01", "伞布", ["SY21", "SY22", "SY40"])
buy("SY01", "伞骨", ["SY24", "SY27"])
buy("SY01", "中棒", ["SY26"])
buy("SY01", "伞柄", ["SY29", "SY30"])
for fid, product in [("SY31", "伞珠"), ("SY32", "弹簧"), ("SY33", "开关"), ("SY34", "伞头"), ("SY35", "伞套"),
                     ("SY36", "织带"), ("SY37", "上巢"), ("SY38", "下巢"), ("SY39", "机芯"), ("SY41", "包装")]:
    buy("SY01", product, [fid])
buy("SY02", "伞布", ["SY20", "SY23"])
buy("SY02", "伞骨", ["SY25", "SY27"])
buy("SY02", "中棒", ["SY28"])
buy("SY02", "伞柄", ["SY29"])
for fid, product in [("SY31", "伞珠"), ("SY32", "弹簧"), ("SY34", "伞头"), ("SY36", "织带"), ("SY37", "上巢"),
                     ("SY38", "下巢"), ("SY39", "机芯"), ("SY35", "伞套")]:
    buy("SY02", product, [fid])

assert len(firms) == 38, len(firms)
doc = {"format": "qchain-chain/1",
       "chain": {"id": "shangyu-umbrella-38", "name": "上虞伞件（38 家企业试算）", "region": "绍兴市上虞区", "industry": "伞件",
                 "as_of": "2025-06-30"},
       "segments": segments, "firms": firms, "links": links}
out = pathlib.Path(__file__).with_name("umbrella-38.json")
out.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
