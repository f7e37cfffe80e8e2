#!/usr/bin/env python3
"""Generate the illustrative pilot chains in data/pilots/ (format qchain-chain/1).

The nine first-batch pilot regions of the 小微企业质量管理体系认证提升行动 are real; every firm, number
and link written here is made up (示例数据，非官方统计数据).  The output is deterministic: each chain has
its own fixed random seed, nothing iterates over a set or depends on PYTHONHASHSEED, and the files are
written with json.dump(..., ensure_ascii=False, indent=1) plus a trailing newline.

Every document is validated against all rules of data/schema/FORMAT.md (and a few stricter rules of the
pilot brief) before anything is written; on any problem the script lists all of them and exits 1.  If the
`jsonschema` package is importable, the documents are also checked against
data/schema/qchain-chain-1.schema.json.

Usage: python3 make_pilots.py            (writes next to this file)
       python3 make_pilots.py --check    (generate and validate, write nothing)
Standard library only.
"""

import datetime
import json
import math
import os
import hashlib
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMA_PATH = os.path.join(HERE, "..", "schema", "qchain-chain-1.schema.json")

FORMAT = "qchain-chain/1"
PROGRAMME = "小微企业质量管理体系认证提升行动"
DESCRIPTION = "示例数据：依据公开报道构造的示意性产业链，非官方统计数据。"
ROLES = ("chain_leader", "large", "medium", "small", "micro")
CATEGORIES = ("man", "machine", "material", "method", "measurement", "environment")
CODE_PREFIX = {"material": "MAT", "machine": "MCH", "method": "MTH",
               "measurement": "MSR", "man": "MAN", "environment": "ENV"}
STATUSES = ("valid", "in_progress", "suspended", "expired")
MATURITIES = ("startup", "developing", "leaping")

# --------------------------------------------------------------------------------------------------
# Name material (generic).  Stems are two auspicious characters, the usual shape of Chinese trade names.
STEM_A = "恒鑫华宏永金瑞德隆盛丰泰通达源鼎祥兴昌佳信诚博广顺腾凯嘉锦辉明正合富康立晟亿天汇万益众利宇海航美润"
STEM_B = "泰源达盛丰隆昌兴祥通鑫华宏瑞德利发顺强诚信安泽宇辉鼎业茂升旺成凯恒力美佳嘉"
GENERIC_STEMS = [a + b for a in STEM_A for b in STEM_B if a != b]
SURNAMES = ("王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕"
            "丁任沈姚卢姜崔钟谭陆汪范石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵钱严武戴孔汤")

SUFFIX = {
    "chain_leader": [("集团有限公司", 3), ("股份有限公司", 2)],
    "large": [("股份有限公司", 2), ("有限公司", 3), ("集团有限公司", 1)],
    "medium": [("有限公司", 5), ("有限责任公司", 1)],
    "small": [("有限公司", 4), ("厂", 1)],
    "micro": [("厂", 3), ("加工厂", 2), ("经营部", 1)],
}

# Base certification probabilities by role (ISO 9001 everywhere; GB/T 19001 is the same standard and is
# deliberately not listed a second time).
BASE_CERTS = {
    "ISO9001": {"chain_leader": 1.0, "large": 0.97, "medium": 0.8, "small": 0.45, "micro": 0.15},
    "ISO14001": {"chain_leader": 0.95, "large": 0.75, "medium": 0.35, "small": 0.1, "micro": 0.02},
    "ISO45001": {"chain_leader": 0.9, "large": 0.6, "medium": 0.25, "small": 0.06, "micro": 0.01},
}
STATUS_WEIGHTS = {
    "chain_leader": (0.97, 0.01, 0.01, 0.01),
    "large": (0.92, 0.03, 0.02, 0.03),
    "medium": (0.85, 0.06, 0.04, 0.05),
    "small": (0.72, 0.14, 0.06, 0.08),
    "micro": (0.55, 0.27, 0.08, 0.10),
}
ROLE_WEIGHTS = {"large": 0.04, "medium": 0.14, "small": 0.38, "micro": 0.44}
EMPLOYEES = {"chain_leader": (1200, 6000), "large": (300, 1500), "medium": (100, 399),
             "small": (20, 99), "micro": (3, 19)}
FPY_BASE = {"chain_leader": (0.975, 0.995), "large": (0.955, 0.99), "medium": (0.93, 0.98),
            "small": (0.90, 0.965), "micro": (0.86, 0.94)}
MATURITY_W = {"chain_leader": (0.0, 0.1, 0.9), "large": (0.0, 0.4, 0.6), "medium": (0.15, 0.6, 0.25),
              "small": (0.45, 0.5, 0.05), "micro": (0.7, 0.3, 0.0)}
N_INPUTS = {"chain_leader": (4, 5), "large": (4, 6), "medium": (3, 5), "small": (1, 4), "micro": (1, 3)}
N_SOURCES = {"chain_leader": (0.05, 0.25, 0.7), "large": (0.05, 0.3, 0.65), "medium": (0.2, 0.4, 0.4),
             "small": (0.6, 0.3, 0.1), "micro": (0.75, 0.2, 0.05)}
FITNESS = {"chain_leader": 8.0, "large": 5.0, "medium": 2.5, "small": 1.0, "micro": 0.6}
COMPAT = {  # customer role -> supplier role -> multiplier
    "chain_leader": {"chain_leader": 4, "large": 3, "medium": 2, "small": 1, "micro": 0.25},
    "large": {"chain_leader": 3, "large": 2.5, "medium": 2, "small": 1, "micro": 0.5},
}
TEMPER = {"chain_leader": 0.4, "large": 0.4, "medium": 0.5}
ISSUE_ROLE = {"chain_leader": 0.25, "large": 0.45, "medium": 0.75, "small": 1.0, "micro": 1.25}
ISSUE_SMALL_BIAS = {"chain_leader": 0.4, "large": 0.4, "medium": 0.8, "small": 1.2, "micro": 1.6}
SEVERITY_W = {"chain_leader": (0.35, 0.35, 0.2, 0.1, 0.0), "large": (0.25, 0.35, 0.25, 0.12, 0.03),
              "medium": (0.18, 0.32, 0.3, 0.15, 0.05), "small": (0.12, 0.28, 0.32, 0.2, 0.08),
              "micro": (0.08, 0.22, 0.35, 0.23, 0.12)}
# Incoming inspection (来料检验, with the supplier's outgoing check folded in): the share of the supplier's
# delivered defects caught on the link, drawn by the customer's role.  Nearly every link has one; a few,
# mostly into small and micro workshops, have none (a plausible weakness).  Drawn from a stream of its own
# (seed + INSPECTION_SEED_OFFSET) so that the main stream, and with it every other attribute, the assisted
# firms and the baseline snapshot, stays as it was.
INSPECTION = {"chain_leader": (0.90, 0.98), "large": (0.90, 0.98), "medium": (0.75, 0.92),
              "small": (0.55, 0.85), "micro": (0.30, 0.70)}
NO_INSPECTION_P = {"chain_leader": 0.0, "large": 0.01, "medium": 0.02, "small": 0.06, "micro": 0.09}
INSPECTION_SEED_OFFSET = 7919
INSPECTION_RANGE = (0.3, 0.98)       # pilot-brief check: every inspection value lies in here
INSPECTION_COVERAGE = (0.92, 0.98)   # pilot-brief check: share of links that have an inspection
# The inspection probabilities of the first version; their draws are still taken from the main stream
# (and discarded) so that the later draws do not move.
LEGACY_INSPECTION_P = {"chain_leader": 0.75, "large": 0.55, "medium": 0.35, "small": 0.15, "micro": 0.05}
REQUIRES_P = {"chain_leader": 0.5, "large": 0.3, "medium": 0.15, "small": 0.05, "micro": 0.02}


# --------------------------------------------------------------------------------------------------
# The six pilot chains.  products: (slug, popularity[, "aux"]); "aux" inputs are usually non-essential.
# defects: the segment's level of own defects, a factor on 1 - first_pass_yield (default 1).  Yields are
# drawn by role; this factor decides which segment of a chain carries the low yields: below 1 for trading
# and brand firms (they mostly check and pack) and for mature assembly stages, above 1 for the stage that
# is the industry's known weak spot (the one national spot checks and the pilot reports point at).

# The input catalogue (FORMAT.md, `inputs`): what each link's `input` slug is called in Chinese, so that
# reports say 伺服电机 rather than servo-motor.  Every slug a chain uses must be named here.
INPUT_NAMES = {
    # 安平丝网
    "wire-rod": "线材盘条", "stainless-wire-rod": "不锈钢盘条", "zinc-ingot": "锌锭", "steel-wire": "钢丝",
    "galvanized-wire": "镀锌丝", "stainless-wire": "不锈钢丝", "pvc-coated-wire": "浸塑丝",
    "fine-stainless-wire": "不锈钢细丝", "crimped-wire": "轧花丝", "annealed-binding-wire": "退火扎丝",
    "woven-mesh": "编织网", "welded-mesh": "电焊网", "stainless-filter-cloth": "不锈钢过滤布", "hexagonal-mesh": "六角网",
    "dutch-weave-mesh": "荷兰编织网", "micron-filter-cloth": "微米级过滤布", "filter-element": "过滤元件",
    "fence-panel": "护栏网片", "gabion": "石笼网", "perforated-sheet": "冲孔板", "expanded-metal": "钢板网",
    "custom-filter-assembly": "定制过滤组件",
    # 黄埔智能装备
    "servo-motor": "伺服电机", "precision-reducer": "精密减速器", "motion-controller": "运动控制器", "sensor": "传感器",
    "machined-parts": "机加工件", "pneumatic-parts": "气动元件", "linear-guide": "直线导轨",
    "harmonic-reducer": "谐波减速器", "custom-encoder": "定制编码器", "industrial-robot": "工业机器人",
    "cnc-machine": "数控机床", "laser-equipment": "激光设备", "agv": "AGV 搬运机器人", "special-machine": "非标专机",
    "robot-arm-module": "机械臂模组",
    # 奉贤新能源车
    "steel-tube": "钢管", "plastic-pellets": "塑料粒子", "battery-cell": "电芯", "copper-wire": "铜线", "steel-sheet": "钢板",
    "tyre": "轮胎", "lamp": "车灯", "brake": "制动器", "seat": "座垫", "mirror-and-trim": "后视镜与装饰件",
    "frame": "车架", "body-panel": "车身覆盖件", "plastic-cover": "塑料外壳", "reinforced-frame-bracket": "加强车架支架",
    "battery-pack": "电池包", "charger": "充电器", "bms-board": "电池管理板（BMS）", "hub-motor": "轮毂电机",
    "drive-motor": "驱动电机", "differential-axle": "差速后桥", "controller": "控制器", "wire-harness": "线束",
    "instrument-panel": "仪表盘", "custom-controller-firmware": "定制控制器固件", "e-bicycle": "电动自行车",
    "e-tricycle": "电动三轮车", "e-motorcycle": "电动摩托车", "elderly-scooter": "老年代步车", "cargo-tricycle": "载货三轮车",
    # 湖州织里童装
    "fabric": "面料", "knit-fabric": "针织面料", "zipper-button": "拉链纽扣", "lace-trim": "花边辅料",
    "sewing-thread": "缝纫线", "organic-cotton-rib": "有机棉罗纹", "printing": "印花", "embroidery": "绣花",
    "heat-transfer": "烫画", "3d-embroidery": "立体绣花", "girls-dress": "女童连衣裙", "boys-set": "男童套装",
    "knitwear": "针织衫", "down-jacket": "羽绒服", "baby-romper": "婴儿连体衣", "school-uniform": "校服",
    "hand-smocked-garment": "手工缩褶童装",
    # 上虞伞业
    "umbrella-frame": "伞架", "rib": "伞骨", "shaft": "伞杆", "fiberglass-rib": "玻纤伞骨", "umbrella-fabric": "伞布",
    "uv-coated-fabric": "防紫外线涂层伞布", "handle": "伞柄", "runner-and-tips": "伞巢与伞珠",
    "spring-hardware": "弹簧五金件", "auto-open-spring": "自动开伞弹簧", "folding-umbrella": "折叠伞",
    "straight-umbrella": "直杆伞", "auto-umbrella": "自动伞", "golf-umbrella": "高尔夫伞", "kids-umbrella": "儿童伞",
    "custom-golf-umbrella": "定制高尔夫伞",
    # 沙县小吃
    "flour": "面粉", "pork": "猪肉", "peanut": "花生", "vegetables": "蔬菜", "seasoning": "调味料", "poultry": "禽肉",
    "heirloom-peanut-paste": "祖传花生酱", "frozen-wonton": "速冻扁肉", "peanut-sauce": "花生酱", "noodles": "拌面",
    "stewed-soup-pack": "炖罐汤料包", "signature-bone-broth-base": "招牌骨汤底料", "delivered-frozen-goods": "配送速冻食品",
    "delivered-sauces": "配送酱料", "delivered-dry-goods": "配送干货",
}


def with_inputs(doc):
    """The document with its input catalogue after the issue catalogue: every slug its links use, by id."""
    used = sorted({l["input"] for l in doc["links"] if "input" in l})
    out = {}
    for k, v in doc.items():
        out[k] = v
        if k == "issues":
            out["inputs"] = [{"id": slug, "name": INPUT_NAMES.get(slug, "")} for slug in used]
    return out


def seg(id, name, order, frac, words, products=(), feeders=(), regions=(), **kw):
    d = {"id": id, "name": name, "order": order, "frac": frac, "words": list(words),
         "products": [tuple(p) for p in products], "feeders": list(feeders), "regions": list(regions),
         "leaders": 0, "special": [], "roles": None, "micro_suffix": None, "fmt": None,
         "certs": {}, "emp": {}, "pc": None, "defects": 1.0}
    d.update(kw)
    return d


def iss(cat, name, yl, where, small_bias=False, solved=False):
    return {"category": cat, "name": name, "yield_loss": yl, "where": where,
            "small_bias": small_bias, "solved": solved}


CHAINS = []

# ---- 安平丝网 -------------------------------------------------------------------------------------
CHAINS.append({
    "id": "anping-wire-mesh", "name": "安平丝网", "region": "河北省衡水市安平县", "industry": "丝网制造",
    "broad": ["河北", "衡水", "安平"], "prefix": "AP", "seed": 20250101, "n": 396, "as_of": "2025-06-30", "pc": (40, 90),
    "leader_emp": (1200, 4500),
    "place_prefixes": {
        "安平镇": ["安平县", "衡水", "河北", "安平"], "马店镇": ["安平县", "衡水", "马店"],
        "南王庄镇": ["安平县", "南王庄", "衡水"], "大子文镇": ["安平县", "大子文", "衡水"],
        "东黄城镇": ["安平县", "东黄城", "衡水"], "大何庄乡": ["安平县", "大何庄"],
        "程油子乡": ["安平县", "程油子"], "西两洼乡": ["安平县", "两洼"],
        "安平县经济开发区": ["安平县", "河北", "衡水"], "衡水市桃城区": ["衡水", "河北"],
        "饶阳县": ["饶阳县", "衡水"], "深州市": ["深州市", "衡水"], "唐山市丰南区": ["唐山", "河北"],
        "邯郸市武安市": ["武安市", "邯郸", "河北"],
    },
    "segments": [
        seg("wire-rod", "线材", 0, 0.08, ["线材", "金属材料", "钢材贸易", "盘条销售", "物资"],
            [("wire-rod", 0.8), ("stainless-wire-rod", 0.3), ("zinc-ingot", 0.25, "aux")], [],
            [("安平镇", 3), ("安平县经济开发区", 2), ("唐山市丰南区", 2), ("邯郸市武安市", 1), ("衡水市桃城区", 1)],
            roles={"large": 0.08, "medium": 0.3, "small": 0.4, "micro": 0.22},
            micro_suffix=[("经营部", 3), ("商行", 2)]),
        seg("drawing", "拉丝", 1, 0.22, ["拉丝", "金属丝", "镀锌丝", "钢丝制品", "线材制品"],
            [("steel-wire", 0.7), ("galvanized-wire", 0.5), ("stainless-wire", 0.25), ("pvc-coated-wire", 0.15, "aux")],
            [("wire-rod", 1.0)],
            [("南王庄镇", 3), ("马店镇", 2), ("大子文镇", 2), ("安平镇", 2), ("西两洼乡", 1), ("饶阳县", 1)],
            special=["fine-stainless-wire", "crimped-wire", "annealed-binding-wire"], defects=1.2),
        seg("weaving", "编织", 2, 0.35, ["丝网", "丝网制品", "筛网", "网业", "编织网"],
            [("woven-mesh", 0.7), ("welded-mesh", 0.4), ("stainless-filter-cloth", 0.2), ("hexagonal-mesh", 0.2)],
            [("drawing", 1.0), ("wire-rod", 0.12)],
            [("南王庄镇", 3), ("安平镇", 3), ("东黄城镇", 2), ("大何庄乡", 2), ("程油子乡", 1), ("马店镇", 1)],
            special=["dutch-weave-mesh", "micron-filter-cloth"], defects=0.8),
        seg("deep-processing", "深加工", 3, 0.22, ["过滤器材", "护栏网", "金属制品", "石笼网", "筛网制品", "冲孔网"],
            [("filter-element", 0.4), ("fence-panel", 0.4), ("gabion", 0.25), ("perforated-sheet", 0.2),
             ("expanded-metal", 0.15)],
            [("weaving", 1.0), ("drawing", 0.2)],
            [("安平县经济开发区", 3), ("安平镇", 2), ("南王庄镇", 2), ("大子文镇", 1), ("衡水市桃城区", 1)],
            leaders=2, special=["custom-filter-assembly"]),
        seg("export-trade", "出口贸易", 4, 0.13, ["进出口贸易", "国际贸易", "丝网商贸", "贸易"],
            [], [("deep-processing", 1.0), ("weaving", 0.35)],
            [("安平镇", 4), ("安平县经济开发区", 2), ("衡水市桃城区", 2)],
            leaders=2, roles={"large": 0.05, "medium": 0.15, "small": 0.4, "micro": 0.4},
            micro_suffix=[("商行", 2), ("经营部", 2)], pc=(80, 200), emp={"micro": (2, 8), "small": (10, 40)},
            defects=0.4),
    ],
    "issues": [
        iss("material", "原材料批次一致性差", 0.03, {"wire-rod": 0.5, "drawing": 0.55, "weaving": 0.2}),
        iss("material", "镀锌层厚度不均、附着力差", 0.025, {"drawing": 0.35, "weaving": 0.15, "deep-processing": 0.1}),
        iss("machine", "拉丝设备老化、模具磨损快", 0.02, {"drawing": 0.4}),
        iss("machine", "织机张力控制不稳、网面不平整", 0.02, {"weaving": 0.4}),
        iss("method", "退火及热处理工艺参数无标准", None, {"drawing": 0.3, "deep-processing": 0.1}),
        iss("method", "缺少作业指导书和过程记录", 0.01, {"*": 0.18}, small_bias=True),
        iss("measurement", "线径与网孔尺寸检测手段落后", 0.015, {"drawing": 0.2, "weaving": 0.35, "deep-processing": 0.25}),
        iss("measurement", "计量器具未定期检定校准", None, {"*": 0.15}),
        iss("man", "一线工人流动性大、培训不足", None, {"*": 0.2}),
        iss("man", "缺乏专职质量管理人员", None, {"*": 0.14}, small_bias=True),
        iss("environment", "酸洗废液与粉尘治理不达标", None, {"drawing": 0.35, "wire-rod": 0.1}, solved=True),
        iss("environment", "仓储防锈防潮条件差", 0.005, {"deep-processing": 0.15, "export-trade": 0.25}),
        iss("method", "不熟悉出口目标市场标准（ASTM/EN）", None, {"export-trade": 0.35, "deep-processing": 0.1}),
    ],
    "two_way": [("drawing", 1), ("weaving", 1)],
    "outcomes": True,  # profit, operating_cost, quality_cost, satisfaction in both snapshots (make_outcomes)
    "before": {"as_of": "2024-06-30", "drop": 3, "assisted_frac": 0.22,
               "bodies": ["中国质量认证中心河北分中心", "方圆标志认证集团河北有限公司", "衡水市产品质量监督检验所"]},
})

# ---- 黄埔智能装备 ---------------------------------------------------------------------------------
CHAINS.append({
    "id": "huangpu-smart-equipment", "name": "黄埔智能装备", "region": "广东省广州市黄埔区",
    "industry": "智能装备制造", "broad": ["广州", "广东"], "prefix": "HP", "seed": 20250202, "n": 118, "as_of": "2025-06-30",
    "pc": (60, 150), "leader_emp": (1500, 6000),
    "place_prefixes": {
        "萝岗街道": ["广州", "广东"], "永和街道": ["广州", "广州永和"], "联和街道": ["广州", "广东"],
        "云埔街道": ["广州", "广东"], "南岗街道": ["广州"], "夏港街道": ["广州"], "长岭街道": ["广州", "广东"],
        "九龙镇": ["广州", "广州九龙"], "新龙镇": ["广州"], "东区街道": ["广州", "广东"],
        "佛山市顺德区": ["佛山", "佛山市顺德区", "广东"], "东莞市松山湖": ["东莞", "广东"],
        "深圳市宝安区": ["深圳", "深圳市"],
    },
    "segments": [
        seg("key-components", "上游关键零部件", 0, 0.50,
            ["精密传动", "伺服电机", "减速机", "控制系统", "传感技术", "精密机械", "液压气动", "电子科技", "自动化元件"],
            [("servo-motor", 0.25), ("precision-reducer", 0.2), ("motion-controller", 0.15), ("sensor", 0.2),
             ("machined-parts", 0.4), ("pneumatic-parts", 0.15, "aux"), ("linear-guide", 0.15)], [],
            [("云埔街道", 3), ("永和街道", 2), ("夏港街道", 2), ("新龙镇", 1), ("佛山市顺德区", 2), ("东莞市松山湖", 2),
             ("深圳市宝安区", 1)],
            roles={"large": 0.06, "medium": 0.24, "small": 0.4, "micro": 0.3},
            special=["harmonic-reducer", "custom-encoder"],
            micro_suffix=[("加工厂", 2), ("经营部", 1), ("厂", 1)]),
        seg("complete-machines", "中游整机", 1, 0.25, ["机器人", "智能装备", "数控机床", "自动化设备", "激光设备", "机械设备"],
            [("industrial-robot", 0.4), ("cnc-machine", 0.3), ("laser-equipment", 0.2), ("agv", 0.2),
             ("special-machine", 0.3)],
            [("key-components", 1.0)],
            [("萝岗街道", 2), ("联和街道", 2), ("东区街道", 2), ("永和街道", 1), ("九龙镇", 1)],
            leaders=2, special=["robot-arm-module"],
            roles={"large": 0.08, "medium": 0.3, "small": 0.4, "micro": 0.22},
            certs={"CR": {"chain_leader": 0.9, "large": 0.6, "medium": 0.3, "small": 0.1, "micro": 0.0}},
            micro_suffix=[("工作室", 1), ("厂", 1)]),
        seg("integration", "下游集成应用", 2, 0.25, ["自动化科技", "智能科技", "系统集成", "工业技术", "智能制造"],
            [], [("complete-machines", 1.0), ("key-components", 0.3)],
            [("长岭街道", 2), ("萝岗街道", 2), ("南岗街道", 1), ("九龙镇", 1), ("联和街道", 1), ("佛山市顺德区", 1)],
            leaders=2, roles={"large": 0.06, "medium": 0.3, "small": 0.44, "micro": 0.2},
            micro_suffix=[("工作室", 2), ("经营部", 1)]),
    ],
    "issues": [
        iss("material", "外购核心零部件一致性差", 0.03, {"key-components": 0.3, "complete-machines": 0.45}),
        iss("material", "铸锻件内部缺陷", 0.02, {"key-components": 0.3}),
        iss("machine", "加工设备精度保持性差", 0.02, {"key-components": 0.35}),
        iss("machine", "装配工装夹具不足", None, {"complete-machines": 0.3}),
        iss("method", "装配工艺文件不完善", 0.015, {"complete-machines": 0.35, "integration": 0.2}),
        iss("method", "设计变更管理不规范", None, {"complete-machines": 0.2, "integration": 0.3}),
        iss("measurement", "精度检测及可靠性试验能力不足", 0.02, {"key-components": 0.3, "complete-machines": 0.3}),
        iss("measurement", "计量校准溯源不完整", None, {"*": 0.15}),
        iss("man", "高技能调试人员短缺", None, {"complete-machines": 0.2, "integration": 0.35}),
        iss("man", "质量管理人员缺乏体系运行经验", None, {"*": 0.15}, small_bias=True),
        iss("environment", "装配车间洁净度和静电防护不足", 0.01, {"key-components": 0.15, "complete-machines": 0.15}),
        iss("method", "现场集成项目验收标准不统一", None, {"integration": 0.35}),
    ],
    "two_way": [("key-components", 1)],
    "swap_link": ("complete-machines", "integration"),  # the one deliberate link against segment order
})

# ---- 丰县新能源车辆及配件 -------------------------------------------------------------------------
_FX_PARTS = ("frame-body", "battery", "motor", "controller", "common-parts")
CHAINS.append({
    "id": "fengxian-nev", "name": "丰县新能源车辆及配件", "region": "江苏省徐州市丰县",
    "industry": "新能源车辆及配件制造", "broad": ["江苏", "徐州", "丰县"], "prefix": "FX", "seed": 20250303, "n": 232, "as_of": "2025-06-30",
    "pc": (40, 100), "leader_emp": (1200, 4000), "iatf": True, "stale_valid": 1,
    "place_prefixes": {
        "凤城街道": ["丰县", "徐州", "江苏"], "中阳里街道": ["丰县", "徐州"], "孙楼街道": ["丰县", "徐州"],
        "丰县经济开发区": ["丰县", "徐州", "江苏"], "首羡镇": ["丰县", "首羡"], "顺河镇": ["丰县", "顺河"],
        "常店镇": ["丰县", "常店"], "欢口镇": ["丰县", "欢口"], "师寨镇": ["丰县", "师寨"],
        "华山镇": ["丰县", "华山"], "梁寨镇": ["丰县", "梁寨"], "宋楼镇": ["丰县", "宋楼"],
        "徐州市铜山区": ["徐州", "江苏"], "无锡市锡山区": ["无锡", "江苏"], "天津市静海区": ["天津", "天津静海"],
    },
    "segments": [
        seg("raw-materials", "钢材塑料及电芯原料", 0, 0.10, ["金属材料", "塑业", "新材料", "物资", "化工"],
            [("steel-tube", 0.5), ("plastic-pellets", 0.3), ("battery-cell", 0.2), ("copper-wire", 0.15),
             ("steel-sheet", 0.3)], [],
            [("丰县经济开发区", 2), ("徐州市铜山区", 2), ("无锡市锡山区", 1), ("天津市静海区", 1), ("凤城街道", 1)],
            roles={"large": 0.1, "medium": 0.3, "small": 0.4, "micro": 0.2},
            micro_suffix=[("经营部", 3), ("商行", 1)], defects=0.4),
        seg("common-parts", "轮胎灯具制动等通用件", 0, 0.12, ["橡胶制品", "车业配件", "灯具", "五金", "制动器材", "车配"],
            [("tyre", 0.3), ("lamp", 0.25), ("brake", 0.25), ("seat", 0.2), ("mirror-and-trim", 0.2, "aux")], [],
            [("首羡镇", 2), ("顺河镇", 2), ("常店镇", 1), ("丰县经济开发区", 2), ("天津市静海区", 1)],
            certs={"IATF16949": {"chain_leader": 0.9, "large": 0.8, "medium": 0.45, "small": 0.12, "micro": 0.0}}),
        seg("frame-body", "车架与覆盖件", 1, 0.14, ["车架", "车业", "机械", "塑料制品", "钣金"],
            [("frame", 0.6), ("body-panel", 0.4), ("plastic-cover", 0.3)], [("raw-materials", 1.0)],
            [("首羡镇", 2), ("欢口镇", 2), ("师寨镇", 1), ("华山镇", 1), ("丰县经济开发区", 1)],
            certs={"IATF16949": {"chain_leader": 0.9, "large": 0.8, "medium": 0.45, "small": 0.12, "micro": 0.0}},
            special=["reinforced-frame-bracket"], defects=0.5),
        seg("battery", "动力电池", 1, 0.10, ["电源", "新能源", "电池", "储能科技"],
            [("battery-pack", 0.8), ("charger", 0.3)], [("raw-materials", 1.0)],
            [("丰县经济开发区", 3), ("凤城街道", 1), ("孙楼街道", 1), ("无锡市锡山区", 1)],
            roles={"large": 0.1, "medium": 0.25, "small": 0.4, "micro": 0.25},
            certs={"IATF16949": {"chain_leader": 0.9, "large": 0.8, "medium": 0.45, "small": 0.12, "micro": 0.0},
                   "CCC": {"chain_leader": 0.9, "large": 0.8, "medium": 0.5, "small": 0.3, "micro": 0.1}},
            special=["bms-board"], defects=1.8),
        seg("motor", "驱动电机", 1, 0.08, ["电机", "机电", "动力科技"],
            [("hub-motor", 0.6), ("drive-motor", 0.4), ("differential-axle", 0.3)], [("raw-materials", 1.0)],
            [("丰县经济开发区", 2), ("孙楼街道", 1), ("中阳里街道", 1), ("徐州市铜山区", 1)],
            certs={"IATF16949": {"chain_leader": 0.9, "large": 0.8, "medium": 0.45, "small": 0.12, "micro": 0.0}}),
        seg("controller", "电控与线束", 1, 0.08, ["电子", "电气", "线束", "智能控制"],
            [("controller", 0.6), ("wire-harness", 0.4), ("instrument-panel", 0.2, "aux")], [("raw-materials", 1.0)],
            [("丰县经济开发区", 2), ("中阳里街道", 1), ("凤城街道", 1), ("无锡市锡山区", 1)],
            certs={"IATF16949": {"chain_leader": 0.9, "large": 0.8, "medium": 0.45, "small": 0.12, "micro": 0.0},
                   "CCC": {"chain_leader": 0.8, "large": 0.6, "medium": 0.35, "small": 0.2, "micro": 0.05}},
            special=["custom-controller-firmware"]),
        seg("vehicle-assembly", "整车装配", 2, 0.18, ["车业", "电动车", "新能源车辆", "机动车", "电动三轮车"],
            [("e-bicycle", 0.6), ("e-tricycle", 0.5), ("e-motorcycle", 0.3), ("elderly-scooter", 0.2),
             ("cargo-tricycle", 0.3)],
            [("frame-body", 1.0), ("battery", 1.0), ("motor", 1.0), ("controller", 1.0), ("common-parts", 0.8)],
            [("丰县经济开发区", 3), ("凤城街道", 1), ("孙楼街道", 1), ("首羡镇", 1), ("宋楼镇", 1), ("梁寨镇", 1)],
            leaders=3, roles={"large": 0.12, "medium": 0.3, "small": 0.38, "micro": 0.2},
            certs={"CCC": {"chain_leader": 1.0, "large": 0.97, "medium": 0.95, "small": 0.9, "micro": 0.8}},
            inputs={"chain_leader": (3, 4), "large": (3, 5), "medium": (3, 5), "small": (2, 4), "micro": (2, 3)},
            micro_suffix=[("厂", 2), ("车辆厂", 1)], defects=0.6),
        seg("sales-service", "销售与售后服务", 3, 0.20, ["电动车", "车业", "电动车销售", "商贸"],
            [], [("vehicle-assembly", 1.0), ("common-parts", 0.25), ("battery", 0.2)],
            [("凤城街道", 3), ("中阳里街道", 2), ("孙楼街道", 2), ("常店镇", 1), ("欢口镇", 1), ("徐州市铜山区", 1)],
            roles={"large": 0.02, "medium": 0.1, "small": 0.38, "micro": 0.5},
            micro_suffix=[("行", 3), ("经营部", 2), ("维修部", 1)], pc=(60, 150),
            emp={"micro": (2, 9), "small": (10, 40)}),
    ],
    "issues": [
        iss("material", "电芯一致性差、容量衰减快", 0.04, {"battery": 0.5}),
        iss("material", "钢管及板材材质波动", 0.02, {"raw-materials": 0.3, "frame-body": 0.4}),
        iss("machine", "焊接设备自动化程度低、焊缝质量不稳", 0.025, {"frame-body": 0.5, "vehicle-assembly": 0.2}),
        iss("machine", "涂装线老化、漆面附着力差", 0.015, {"frame-body": 0.3, "vehicle-assembly": 0.25}),
        iss("method", "整车装配工艺不规范、扭矩控制缺失", 0.02, {"vehicle-assembly": 0.4}),
        iss("method", "来料检验流于形式", None, {"*": 0.2}),
        iss("measurement", "电机电控性能测试手段不足", 0.015, {"motor": 0.4, "controller": 0.4}),
        iss("measurement", "整车出厂检验项目不全", None, {"vehicle-assembly": 0.35}),
        iss("man", "技术工人短缺、培训不足", None, {"*": 0.2}),
        iss("man", "质量负责人对IATF 16949要求理解不足", None, {p: 0.2 for p in _FX_PARTS}),
        iss("environment", "电池仓储消防与温湿度控制不达标", 0.005, {"battery": 0.3, "sales-service": 0.25}),
        iss("method", "售后故障信息未反馈至生产端", None, {"sales-service": 0.4}),
        iss("method", "线束压接工艺不稳定", 0.02, {"controller": 0.4}),
    ],
    "two_way": [("frame-body", 1), ("common-parts", 1)],
})

# ---- 吴兴童装 -------------------------------------------------------------------------------------
CHAINS.append({
    "id": "wuxing-childrens-clothing", "name": "吴兴童装", "region": "浙江省湖州市吴兴区",
    "industry": "童装制造", "broad": ["浙江", "湖州", "湖州织里"], "prefix": "WX", "seed": 20250404, "n": 312, "as_of": "2025-06-30",
    "pc": (25, 60), "leader_emp": (800, 3000),
    "extra_stems": ["贝贝", "童乐", "小象", "萌宝", "糖豆", "果果", "安琪", "甜心", "童心", "米兔", "小鹿", "暖阳",
                    "豆豆", "欢欢", "乐童", "童话", "星星", "彩虹", "花蕾", "嘟嘟", "悦童", "布丁", "奇奇", "棉宝",
                    "禾苗", "朵朵", "橙子", "小树", "蜜桃", "青苗", "芽芽", "乐萌", "童梦", "宝蓝", "憨憨", "叮当"],
    "place_prefixes": {
        "织里镇": ["湖州织里", "湖州", "织里", "浙江"], "八里店镇": ["湖州", "湖州八里店"],
        "埭溪镇": ["湖州", "湖州埭溪"], "东林镇": ["湖州", "湖州东林"], "道场乡": ["湖州"],
        "环渚街道": ["湖州", "浙江"], "龙泉街道": ["湖州"], "康山街道": ["湖州", "浙江"],
        "绍兴市柯桥区": ["绍兴柯桥", "绍兴", "浙江"], "嘉兴市桐乡市": ["桐乡", "嘉兴"],
        "杭州市余杭区": ["杭州", "浙江"],
    },
    "segments": [
        seg("fabric-accessories", "面辅料", 0, 0.14, ["纺织", "面料", "布业", "服装辅料", "织造"],
            [("fabric", 0.7), ("knit-fabric", 0.35), ("zipper-button", 0.2, "aux"), ("lace-trim", 0.15, "aux"),
             ("sewing-thread", 0.15, "aux")], [],
            [("织里镇", 3), ("绍兴市柯桥区", 3), ("嘉兴市桐乡市", 1), ("八里店镇", 1)],
            roles={"large": 0.08, "medium": 0.25, "small": 0.4, "micro": 0.27},
            certs={"OEKO-TEX100": {"chain_leader": 0.9, "large": 0.6, "medium": 0.3, "small": 0.08, "micro": 0.0}},
            special=["organic-cotton-rib"], micro_suffix=[("经营部", 2), ("商行", 1)], defects=1.5),
        seg("printing-embroidery", "印花绣花", 1, 0.16, ["印花", "绣花", "数码印花", "烫画", "绣品"],
            [("printing", 0.6), ("embroidery", 0.5), ("heat-transfer", 0.2, "aux")], [("fabric-accessories", 1.0)],
            [("织里镇", 5), ("八里店镇", 1), ("东林镇", 1)],
            roles={"large": 0.02, "medium": 0.1, "small": 0.38, "micro": 0.5},
            certs={"OEKO-TEX100": {"chain_leader": 0.5, "large": 0.3, "medium": 0.12, "small": 0.03, "micro": 0.0}},
            special=["3d-embroidery"], micro_suffix=[("加工厂", 2), ("厂", 2), ("工作室", 1)], defects=1.2),
        seg("garment-making", "成衣制造", 2, 0.45, ["童装", "服饰", "制衣", "服装"],
            [("girls-dress", 0.4), ("boys-set", 0.4), ("knitwear", 0.3), ("down-jacket", 0.25),
             ("baby-romper", 0.25), ("school-uniform", 0.15)], [("printing-embroidery", 1.0), ("fabric-accessories", 0.55)],
            [("织里镇", 8), ("八里店镇", 1), ("埭溪镇", 1), ("道场乡", 1)],
            leaders=1, roles={"large": 0.03, "medium": 0.12, "small": 0.37, "micro": 0.48},
            special=["hand-smocked-garment"],
            micro_suffix=[("厂", 4), ("加工厂", 1)], defects=0.6),
        seg("brands-ecommerce", "品牌与电商", 3, 0.25, ["服饰", "电子商务", "童装品牌", "贸易", "网络科技"],
            [], [("garment-making", 1.0), ("printing-embroidery", 0.08)],
            [("织里镇", 4), ("环渚街道", 1), ("康山街道", 1), ("龙泉街道", 1), ("杭州市余杭区", 1)],
            leaders=3, roles={"large": 0.05, "medium": 0.15, "small": 0.4, "micro": 0.4},
            micro_suffix=[("网店", 1), ("经营部", 2), ("商行", 1)], pc=(60, 160),
            emp={"micro": (2, 9), "small": (10, 50)}, defects=0.4),
    ],
    "issues": [
        iss("material", "面料色牢度及缩水率不稳定", 0.04, {"fabric-accessories": 0.45, "garment-making": 0.25}),
        iss("material", "辅料安全性不达标（小部件、绳带）", 0.02, {"fabric-accessories": 0.25, "garment-making": 0.2}),
        iss("machine", "裁剪缝制设备老旧、自动化程度低", 0.015, {"garment-making": 0.35}),
        iss("machine", "印花设备精度差、套色不准", 0.02, {"printing-embroidery": 0.4}),
        iss("method", "童装安全技术规范（GB 31701）执行不到位", 0.025, {"garment-making": 0.4, "brands-ecommerce": 0.2}),
        iss("method", "版型工艺单不规范、打样反复", None, {"garment-making": 0.3}),
        iss("measurement", "甲醛及pH值等指标缺乏自检能力", 0.01,
            {"fabric-accessories": 0.3, "printing-embroidery": 0.35, "garment-making": 0.2}),
        iss("measurement", "成品抽检比例低", None, {"garment-making": 0.25, "brands-ecommerce": 0.3}),
        iss("man", "缝纫工季节性流动大", 0.01, {"garment-making": 0.45}),
        iss("man", "缺乏专职质检员", None, {"*": 0.2}, small_bias=True),
        iss("environment", "车间消防及通风条件差", None, {"printing-embroidery": 0.2, "garment-making": 0.3}),
        iss("measurement", "断针管理及金属检测缺失", None, {"garment-making": 0.35}, solved=True),
        iss("method", "电商退货质量问题分析缺失", None, {"brands-ecommerce": 0.4}),
    ],
    "two_way": [("garment-making", 2)],
    "before": {"as_of": "2024-06-30", "drop": 2, "assisted_frac": 0.18,
               "bodies": ["中国质量认证中心浙江分中心", "方圆标志认证集团浙江有限公司", "湖州市质量技术监督检测研究院"]},
})

# ---- 上虞伞件 -------------------------------------------------------------------------------------
CHAINS.append({
    "id": "shangyu-umbrella", "name": "上虞伞件", "region": "浙江省绍兴市上虞区", "industry": "伞及伞件制造",
    "broad": ["浙江", "绍兴上虞", "上虞"], "prefix": "SY", "seed": 20250505, "n": 176, "as_of": "2025-06-30", "pc": (20, 50),
    "leader_emp": (1000, 3000), "stale_valid": 1,
    "place_prefixes": {
        "崧厦街道": ["绍兴上虞", "上虞", "崧厦", "绍兴"], "百官街道": ["绍兴上虞", "上虞", "浙江"],
        "曹娥街道": ["上虞", "绍兴上虞"], "东关街道": ["上虞", "东关"], "道墟街道": ["上虞", "道墟"],
        "谢塘镇": ["上虞", "谢塘"], "驿亭镇": ["上虞", "驿亭"], "章镇镇": ["上虞", "章镇"],
        "沥海街道": ["上虞", "绍兴"], "盖北镇": ["上虞", "盖北"], "小越街道": ["上虞", "小越"],
        "绍兴市柯桥区": ["绍兴柯桥", "绍兴"],
    },
    "segments": [
        seg("ribs-frames", "伞骨伞架", 0, 0.22, ["伞骨", "伞件", "五金制品", "伞架"],
            [("umbrella-frame", 0.7), ("rib", 0.4), ("shaft", 0.3)], [],
            [("崧厦街道", 5), ("谢塘镇", 1), ("道墟街道", 1), ("沥海街道", 1)],
            special=["fiberglass-rib"], defects=1.5),
        seg("fabric", "伞布", 0, 0.15, ["伞布", "纺织", "涂层织物", "面料"],
            [("umbrella-fabric", 0.8), ("uv-coated-fabric", 0.3, "aux")], [],
            [("崧厦街道", 2), ("绍兴市柯桥区", 3), ("东关街道", 1)],
            micro_suffix=[("经营部", 2), ("商行", 1)]),
        seg("handles-hardware", "伞柄及五金配件", 0, 0.13, ["伞柄", "塑料制品", "伞件", "五金配件", "橡塑制品"],
            [("handle", 0.6), ("runner-and-tips", 0.4), ("spring-hardware", 0.3)], [],
            [("崧厦街道", 3), ("小越街道", 1), ("驿亭镇", 1), ("盖北镇", 1)],
            special=["auto-open-spring"]),
        seg("assembly", "成伞组装", 1, 0.32, ["伞业", "制伞", "雨具", "晴雨伞"],
            [("folding-umbrella", 0.6), ("straight-umbrella", 0.4), ("auto-umbrella", 0.3),
             ("golf-umbrella", 0.2), ("kids-umbrella", 0.2)], [("ribs-frames", 1.0), ("fabric", 1.0), ("handles-hardware", 1.0)],
            [("崧厦街道", 6), ("百官街道", 1), ("章镇镇", 1), ("驿亭镇", 1), ("道墟街道", 1)],
            leaders=2, special=["custom-golf-umbrella"], inputs={"chain_leader": (3, 4), "large": (3, 5), "medium": (2, 4), "small": (2, 3),
                               "micro": (1, 3)}, defects=0.5),
        seg("brand-export", "品牌与出口", 2, 0.18, ["进出口", "贸易", "伞业", "日用品"],
            [], [("assembly", 1.0), ("fabric", 0.1)],
            [("崧厦街道", 3), ("百官街道", 2), ("曹娥街道", 2)],
            leaders=1, roles={"large": 0.05, "medium": 0.2, "small": 0.4, "micro": 0.35},
            micro_suffix=[("商行", 2), ("经营部", 2)], pc=(60, 150), emp={"micro": (2, 8), "small": (10, 40)},
            defects=0.4),
    ],
    "issues": [
        iss("material", "伞骨钢丝材质及热处理不稳定", 0.03, {"ribs-frames": 0.5, "assembly": 0.2}),
        iss("material", "伞布涂层防水性不一致", 0.025, {"fabric": 0.45, "assembly": 0.15}),
        iss("machine", "冲压铆接设备精度低", 0.02, {"ribs-frames": 0.35, "handles-hardware": 0.25}),
        iss("machine", "注塑模具老化", None, {"handles-hardware": 0.35}),
        iss("method", "手工穿骨缝伞工序不规范", 0.02, {"assembly": 0.45}),
        iss("method", "外协加工（共富工坊）质量要求传递不到位", None, {"assembly": 0.3, "ribs-frames": 0.2}),
        iss("measurement", "抗风及开合寿命测试能力不足", 0.015, {"assembly": 0.3, "brand-export": 0.2}),
        iss("measurement", "来料检验标准缺失", None, {"*": 0.15}),
        iss("man", "家庭作坊工人质量意识薄弱", None, {"*": 0.2}, small_bias=True),
        iss("man", "外贸订单技术要求理解偏差", None, {"brand-export": 0.35}),
        iss("environment", "仓库潮湿导致伞骨锈蚀", 0.005, {"ribs-frames": 0.2, "brand-export": 0.25}),
    ],
    "two_way": [("ribs-frames", 1), ("assembly", 1)],
})

# ---- 沙县小吃 -------------------------------------------------------------------------------------
CHAINS.append({
    "id": "shaxian-snacks", "name": "沙县小吃", "region": "福建省三明市沙县区", "industry": "小吃餐饮及食品加工",
    "broad": ["福建", "三明", "沙县"], "prefix": "SX", "seed": 20250606, "n": 142, "as_of": "2025-06-30", "pc": (15, 40),
    "leader_emp": (500, 1500),
    "place_prefixes": {
        "凤岗街道": ["沙县", "三明", "福建"], "虬江街道": ["沙县", "三明"], "青州镇": ["沙县", "青州"],
        "夏茂镇": ["沙县", "夏茂"], "高砂镇": ["沙县", "高砂"], "富口镇": ["沙县", "富口"],
        "大洛镇": ["沙县", "大洛"], "南阳乡": ["沙县"], "郑湖乡": ["沙县"], "金沙园": ["沙县", "三明", "福建"],
        "三明市三元区": ["三明"], "福州市鼓楼区": ["福州鼓楼区", "福州"], "厦门市思明区": ["厦门思明区", "厦门"],
        "上海市闵行区": ["上海闵行区", "上海"], "杭州市拱墅区": ["杭州拱墅区", "杭州"],
        "深圳市宝安区": ["深圳宝安区", "深圳"], "南京市秦淮区": ["南京秦淮区", "南京"],
        "北京市朝阳区": ["北京朝阳区", "北京"],
    },
    "segments": [
        seg("ingredients", "原辅料", 0, 0.25, ["农副产品", "食品原料", "生猪养殖", "面粉", "调味品", "粮油"],
            [("flour", 0.3), ("pork", 0.3), ("peanut", 0.2), ("vegetables", 0.25), ("seasoning", 0.25),
             ("poultry", 0.15, "aux")], [],
            [("夏茂镇", 3), ("高砂镇", 2), ("富口镇", 2), ("大洛镇", 1), ("南阳乡", 1), ("郑湖乡", 1), ("青州镇", 1),
             ("三明市三元区", 1)],
            roles={"large": 0.03, "medium": 0.15, "small": 0.37, "micro": 0.45},
            certs={"ISO22000": {"chain_leader": 0.9, "large": 0.6, "medium": 0.3, "small": 0.08, "micro": 0.02}},
            special=["heirloom-peanut-paste"],
            micro_suffix=[("专业合作社", 2), ("家庭农场", 2), ("加工厂", 1)], defects=1.3),
        seg("central-kitchen", "中央厨房与半成品", 1, 0.20, ["食品", "中央厨房", "餐饮管理", "扁肉", "调味食品"],
            [("frozen-wonton", 0.5), ("peanut-sauce", 0.4), ("noodles", 0.3), ("stewed-soup-pack", 0.3, "aux")],
            [("ingredients", 1.0)],
            [("金沙园", 4), ("凤岗街道", 2), ("虬江街道", 2), ("夏茂镇", 1)],
            leaders=2, roles={"large": 0.08, "medium": 0.25, "small": 0.4, "micro": 0.27},
            special=["signature-bone-broth-base"],
            certs={"ISO22000": {"chain_leader": 1.0, "large": 0.8, "medium": 0.5, "small": 0.2, "micro": 0.05},
                   "HACCP": {"chain_leader": 0.9, "large": 0.6, "medium": 0.3, "small": 0.1, "micro": 0.0}},
            emp={"large": (200, 600), "medium": (50, 199)}),
        seg("cold-chain", "冷链配送", 2, 0.10, ["冷链物流", "供应链管理", "物流", "食品配送"],
            [("delivered-frozen-goods", 1.0), ("delivered-sauces", 0.5), ("delivered-dry-goods", 0.3, "aux")], [("central-kitchen", 1.0)],
            [("金沙园", 2), ("凤岗街道", 1), ("福州市鼓楼区", 1), ("上海市闵行区", 1), ("深圳市宝安区", 1)],
            leaders=1, roles={"large": 0.1, "medium": 0.3, "small": 0.4, "micro": 0.2},
            micro_suffix=[("配送站", 1), ("经营部", 1)], emp={"large": (200, 800), "medium": (50, 199)},
            inputs={"chain_leader": (3, 4), "large": (2, 4), "medium": (2, 3), "small": (1, 3), "micro": (1, 2)}),
        seg("franchise-stores", "加盟门店", 2, 0.45, ["沙县小吃"],
            [], [("central-kitchen", 1.0), ("cold-chain", 0.7), ("ingredients", 0.25)],
            [("凤岗街道", 2), ("虬江街道", 1), ("福州市鼓楼区", 3), ("厦门市思明区", 2), ("上海市闵行区", 2),
             ("杭州市拱墅区", 2), ("深圳市宝安区", 2), ("南京市秦淮区", 1), ("北京市朝阳区", 1)],
            roles={"large": 0.0, "medium": 0.0, "small": 0.12, "micro": 0.88},
            fmt=["{p}{s}{w}店", "{p}{n}记{w}", "{p}{n}记{w}店"],
            place_prefixes={"凤岗街道": ["凤岗"], "虬江街道": ["虬江"]},
            emp={"micro": (2, 8), "small": (9, 25)}, pc=(15, 30),
            certs={"ISO9001": {"chain_leader": 1.0, "large": 0.8, "medium": 0.5, "small": 0.2, "micro": 0.06},
                   "ISO14001": {"chain_leader": 0.9, "large": 0.5, "medium": 0.2, "small": 0.02, "micro": 0.0},
                   "ISO45001": {"chain_leader": 0.9, "large": 0.5, "medium": 0.2, "small": 0.01, "micro": 0.0}}),
    ],
    "issues": [
        iss("material", "原料肉品质及新鲜度不稳定", 0.03, {"ingredients": 0.4, "central-kitchen": 0.3}),
        iss("material", "面粉及调味料批次差异大", 0.02, {"ingredients": 0.3, "central-kitchen": 0.25}),
        iss("machine", "冷链设备不足、配送途中断链", 0.02, {"cold-chain": 0.45, "franchise-stores": 0.2}),
        iss("machine", "半成品加工设备简陋", None, {"central-kitchen": 0.35}),
        iss("method", "配方与制作工艺标准化不足", 0.025, {"central-kitchen": 0.3, "franchise-stores": 0.45}),
        iss("method", "食品安全追溯记录不完整", None, {"*": 0.25}),
        iss("measurement", "缺乏微生物及农残快检手段", 0.01, {"ingredients": 0.3, "central-kitchen": 0.35}),
        iss("measurement", "门店出品口味一致性缺乏评价", None, {"franchise-stores": 0.35}),
        iss("man", "从业人员健康证及培训管理不到位", None, {"franchise-stores": 0.4}),
        iss("man", "加盟店主质量意识参差不齐", None, {"franchise-stores": 0.3}),
        iss("environment", "后厨卫生与虫害防控不达标", 0.02, {"franchise-stores": 0.35, "central-kitchen": 0.15}),
        iss("environment", "原料仓储温湿度控制不当", None, {"ingredients": 0.3, "cold-chain": 0.2}),
    ],
    "two_way": [("central-kitchen", 1)],
})


# --------------------------------------------------------------------------------------------------
# Small helpers.

def willingness_of(f):
    """提升意愿 of small and micro firms, as a survey records it: drawn from the firm's id alone (so that
    adding the field changed no other value of the pilots), assisted firms keener, one in six unrecorded."""
    if f["role"] not in ("small", "micro"):
        return None
    u = int(hashlib.sha256(("willingness:" + f["id"]).encode("utf-8")).hexdigest()[:12], 16) / float(1 << 48)
    strong = 0.55 if f.get("assisted") else 0.3
    for cut, value in ((strong, "strong"), (strong + 0.3, "moderate"), (strong + 0.3 + 0.4 * (1 - strong - 0.3) / 0.7, "weak")):
        if u < cut:
            return value
    return None


def wchoice(rng, items, weights):
    total = float(sum(weights))
    if total <= 0:
        return items[rng.randrange(len(items))]
    r = rng.random() * total
    acc = 0.0
    for it, w in zip(items, weights):
        acc += w
        if r < acc:
            return it
    return items[-1]


def wsample(rng, items, weights, k):
    items, weights = list(items), list(weights)
    out = []
    while items and len(out) < k:
        it = wchoice(rng, items, weights)
        i = items.index(it)
        out.append(it)
        del items[i], weights[i]
    return out


def loguniform(rng, lo, hi):
    return math.exp(rng.uniform(math.log(lo), math.log(hi)))


def rand_date(rng, lo, hi):
    a, b = datetime.date.fromisoformat(lo), datetime.date.fromisoformat(hi)
    return (a + datetime.timedelta(days=rng.randint(0, (b - a).days))).isoformat()


def day_before(iso):
    return (datetime.date.fromisoformat(iso) - datetime.timedelta(days=1)).isoformat()


def day_after(iso):
    return (datetime.date.fromisoformat(iso) + datetime.timedelta(days=1)).isoformat()


def r3(x):
    return round(x, 3)


# --------------------------------------------------------------------------------------------------
# Chain generation.  Firms are internal dicts indexed by position; ids are assigned at the end, sorted
# by (new entrant last, segment order, position) so ids run upstream -> downstream.

class Chain:
    def __init__(self, spec):
        self.spec = spec
        self.rng = random.Random(spec["seed"])
        self.segs = spec["segments"]
        self.seg_by_id = {s["id"]: s for s in self.segs}
        self.firms = []
        self.inputs = {}        # customer index -> {input slug: [supplier indices]}
        self.kind = {}          # (supplier, customer, input) -> "regular" | "special" | "two_way" | "swapped"
        self.two_way_pairs = []
        self.swapped = None
        self.names = set()
        self.codes = []         # issue catalogue entries (with internal keys)
        self.assisted = []
        self.cohort1 = set()  # assisted since before the baseline: marked in both snapshots
        self.outcomes = {}    # firm index -> (fields now, fields at the baseline); see make_outcomes

    # ---- firms ----
    def make_firms(self):
        rng, spec = self.rng, self.spec
        n = spec["n"]
        sizes = [max(3, round(n * s["frac"])) for s in self.segs]
        sizes[-1] += n - sum(sizes)
        for s, size in zip(self.segs, sizes):
            roles = ["chain_leader"] * s["leaders"]
            rw = s["roles"] or ROLE_WEIGHTS
            keys = ["large", "medium", "small", "micro"]
            while len(roles) < size:
                roles.append(wchoice(rng, keys, [rw[k] for k in keys]))
            # every non-store segment has at least one medium firm
            if "medium" not in roles and rw.get("medium", 0) > 0 and len(roles) > s["leaders"]:
                roles[s["leaders"]] = "medium"
            for pos, role in enumerate(roles):
                f = {"i": len(self.firms), "seg": s["id"], "order": s["order"], "pos": pos, "role": role,
                     "new": False}
                self.firms.append(f)
        self.by_seg = {s["id"]: [f["i"] for f in self.firms if f["seg"] == s["id"]] for s in self.segs}
        # products each firm makes
        self.producers = {}
        for s in self.segs:
            if not s["products"]:
                continue
            slugs = [p[0] for p in s["products"]]
            pops = [p[1] for p in s["products"]]
            for slug in slugs:
                self.producers[slug] = []
            for i in self.by_seg[s["id"]]:
                f = self.firms[i]
                k = 1 if rng.random() < 0.6 or len(slugs) == 1 else 2
                if f["role"] in ("chain_leader", "large"):
                    k = min(len(slugs), k + 1)
                f["products"] = wsample(rng, slugs, pops, k)
                for p in f["products"]:
                    self.producers[p].append(i)
            for slug in slugs:  # every product has at least one maker
                if not self.producers[slug]:
                    i = self.by_seg[s["id"]][rng.randrange(len(self.by_seg[s["id"]]))]
                    self.firms[i]["products"].append(slug)
                    self.producers[slug].append(i)
                    self.producers[slug].sort()
        for f in self.firms:
            f.setdefault("products", [])
            f["fit"] = FITNESS[f["role"]] * min(12.0, rng.paretovariate(2.5))
        # hubs: a few small suppliers that serve many customers (heavy tail)
        fed = {fs for s in self.segs for fs, _ in s["feeders"]}
        for s in self.segs:
            if s["id"] not in fed:
                continue
            smalls = [i for i in self.by_seg[s["id"]] if self.firms[i]["role"] in ("small", "micro")]
            for i in wsample(rng, smalls, [1] * len(smalls), 1 if len(smalls) < 30 else 2):
                self.firms[i]["fit"] *= rng.uniform(18, 28)
                self.firms[i]["hub"] = True
        self.make_names()

    def make_names(self):
        rng, spec = self.rng, self.spec
        stems = list(spec.get("extra_stems", [])) * 6 + GENERIC_STEMS
        for f in self.firms:
            s = self.seg_by_id[f["seg"]]
            f["region"] = wchoice(rng, [r for r, _ in s["regions"]], [w for _, w in s["regions"]])
            prefixes = (s.get("place_prefixes") or {}).get(f["region"]) or spec["place_prefixes"][f["region"]]
            role = f["role"]
            sfx = SUFFIX[role]
            if role == "micro" and s["micro_suffix"]:
                sfx = s["micro_suffix"]
            fmts = s["fmt"] or (["{p}{s}{w}{x}", "{p}{s}{w}{x}", "{p}{n}记{w}{x}"] if role == "micro"
                                else ["{p}{s}{w}{x}"])
            for attempt in range(2000):
                p = prefixes[0] if (role in ("small", "micro") and rng.random() < 0.5) else rng.choice(prefixes)
                if rng.random() < {"chain_leader": 0.7, "large": 0.4}.get(role, 0.0):
                    p = rng.choice(spec["broad"])
                name = rng.choice(fmts).format(p=p, s=rng.choice(stems), w=rng.choice(s["words"]),
                                               x=wchoice(rng, [a for a, _ in sfx], [b for _, b in sfx]),
                                               n=rng.choice(SURNAMES))
                if name not in self.names:
                    break
            else:
                raise SystemExit("could not find a unique name in %s" % spec["id"])
            self.names.add(name)
            f["name"] = name

    # ---- links ----
    def n_inputs(self, c):
        return len(self.inputs.get(c, {}))

    def add_source(self, c, slug, s, kind):
        self.inputs.setdefault(c, {}).setdefault(slug, []).append(s)
        self.kind[(s, c, slug)] = kind

    def make_links(self):
        rng = self.rng
        for s in self.segs:
            if not s["feeders"]:
                continue
            cand = []
            for fs, fw in s["feeders"]:
                for p in self.seg_by_id[fs]["products"]:
                    cand.append((fs, p[0], fw * p[1]))
            primary = [c for c in cand if c[0] == s["feeders"][0][0]]
            nin = s.get("inputs") or N_INPUTS
            for c in self.by_seg[s["id"]]:
                f = self.firms[c]
                lo, hi = nin[f["role"]]
                k = min(rng.randint(lo, hi), len(cand))
                first = wsample(rng, primary, [x[2] for x in primary], 1)
                rest = [x for x in cand if x not in first]
                chosen = first + wsample(rng, rest, [x[2] for x in rest], k - 1)
                compat = COMPAT.get(f["role"])
                for fs, slug, _ in chosen:
                    pool = [i for i in self.producers[slug] if i != c]
                    if not pool:
                        continue
                    nsrc = min(len(pool), wchoice(rng, [1, 2, 3], N_SOURCES[f["role"]]))
                    # big customers spread their purchases more evenly (wider supply bases); the many
                    # small customers follow reputation, which makes supplier out-degrees heavy-tailed
                    ex = TEMPER.get(f["role"], 1.0)
                    w = [self.firms[i]["fit"] ** ex * (compat[self.firms[i]["role"]] if compat else 1.0) for i in pool]
                    for sup in wsample(rng, pool, w, nsrc):
                        self.add_source(c, slug, sup, "regular")
        self.make_specials()
        self.make_two_way()
        self.cover_unlinked()
        if self.spec.get("swap_link"):
            self.make_swapped()

    def make_specials(self):
        """Single-source essential inputs of chain leaders, supplied by one small or micro firm."""
        rng = self.rng
        for f in self.firms:
            s = self.seg_by_id[f["seg"]]
            if f["role"] != "chain_leader" or not s["feeders"]:
                continue
            feeders = [fs for fs, _ in s["feeders"] if self.seg_by_id[fs]["special"]] or [s["feeders"][0][0]]
            for _ in range(rng.randint(1, 2)):
                if self.n_inputs(f["i"]) >= 6:
                    break
                fs = rng.choice(feeders)
                fseg = self.seg_by_id[fs]
                smalls = [i for i in self.by_seg[fs] if self.firms[i]["role"] in ("small", "micro")]
                slugs = fseg["special"] or ["custom-" + fseg["products"][0][0]]
                slugs = [x for x in slugs if x not in self.inputs.get(f["i"], {})]
                if not smalls or not slugs:
                    continue
                sup = rng.choice(smalls)
                self.add_source(f["i"], rng.choice(slugs), sup, "special")

    def make_two_way(self):
        """A supplies B and B supplies A, both in one segment: a deliberate cycle (余缺调剂)."""
        rng = self.rng
        used = set()
        for segid, count in self.spec["two_way"]:
            elig = [i for i in self.by_seg[segid]
                    if self.firms[i]["role"] in ("large", "medium", "small") and self.firms[i]["products"]]
            made = 0
            for _ in range(200):
                if made == count:
                    break
                a, b = rng.sample(elig, 2)
                if a in used or b in used or self.n_inputs(a) >= 6 or self.n_inputs(b) >= 6:
                    continue
                pa = rng.choice(self.firms[a]["products"])
                pb = rng.choice(self.firms[b]["products"])
                if pa in self.inputs.get(b, {}) or pb in self.inputs.get(a, {}):
                    continue
                self.add_source(b, pa, a, "two_way")
                self.add_source(a, pb, b, "two_way")
                self.two_way_pairs.append((a, b))
                used.update((a, b))
                made += 1
            if made != count:
                raise SystemExit("%s: could not make %d two-way pairs in %s" % (self.spec["id"], count, segid))

    def linked(self):
        out = set()
        for c, groups in self.inputs.items():
            for slug, sups in groups.items():
                if sups:
                    out.add(c)
                    out.update(sups)
        return out

    def cover_unlinked(self):
        rng = self.rng
        linked = self.linked()
        for f in self.firms:
            i = f["i"]
            if i in linked:
                continue
            consumers = [c for s in self.segs if any(fs == f["seg"] for fs, _ in s["feeders"])
                         for c in self.by_seg[s["id"]]]
            opts = [(c, slug) for c in consumers for slug in f["products"]
                    if slug in self.inputs.get(c, {}) and len(self.inputs[c][slug]) < 3]
            if opts:
                c, slug = opts[rng.randrange(len(opts))]
            else:
                opts = [(c, slug) for c in consumers for slug in f["products"]
                        if self.n_inputs(c) < 6 and slug not in self.inputs.get(c, {})]
                if not opts:
                    raise SystemExit("%s: cannot link firm %s" % (self.spec["id"], f["name"]))
                c, slug = opts[rng.randrange(len(opts))]
            self.add_source(c, slug, i, "regular")
            linked.update((c, i))

    def make_swapped(self):
        """The deliberate data error: one link recorded with supplier and customer swapped."""
        rng = self.rng
        up, down = self.spec["swap_link"]
        cands = []
        for c in self.by_seg[down]:
            if self.firms[c]["role"] == "chain_leader" or self.n_inputs(c) < 2:
                continue
            for slug, sups in self.inputs[c].items():
                for s in sups:
                    if (self.firms[s]["seg"] == up and self.kind[(s, c, slug)] == "regular" and len(sups) >= 2
                            and self.firms[s]["role"] != "chain_leader" and self.n_inputs(s) < 6
                            and slug not in self.inputs.get(s, {})):
                        cands.append((s, c, slug))
        s, c, slug = cands[rng.randrange(len(cands))]
        self.inputs[c][slug].remove(s)
        del self.kind[(s, c, slug)]
        self.add_source(s, slug, c, "swapped")
        self.swapped = (c, s, slug)

    # ---- firm attributes ----
    def make_catalogue(self):
        for n, it in enumerate(self.spec["issues"], 1):
            e = dict(it)
            e["code"] = "%s-%02d" % (CODE_PREFIX[it["category"]], n)
            self.codes.append(e)

    def issue_p(self, code, f):
        w = code["where"]
        p = w.get(f["seg"], w.get("*", 0.0))
        p *= ISSUE_ROLE[f["role"]]
        if code["small_bias"]:
            p *= ISSUE_SMALL_BIAS[f["role"]]
        return min(p, 0.95)

    def make_attributes(self):
        rng, spec = self.rng, self.spec
        as_of = spec["as_of"]
        for f in self.firms:
            s = self.seg_by_id[f["seg"]]
            role = f["role"]
            lo, hi = s["emp"].get(role) or (spec["leader_emp"] if role == "chain_leader" else EMPLOYEES[role])
            f["employees"] = int(round(loguniform(rng, lo, hi)))
            pclo, pchi = s["pc"] or spec["pc"]
            rev = f["employees"] * rng.uniform(pclo, pchi) * (1.3 if role == "chain_leader" else 1.0)
            f["revenue"] = float(round(rev)) if rev >= 100 else round(rev, 1)
            mat = wchoice(rng, MATURITIES, MATURITY_W[role])
            f["maturity"] = mat if rng.random() < 0.9 else None
            # issues (current snapshot: solved codes are absent)
            got = []
            for code in self.codes:
                if code["solved"]:
                    continue
                if rng.random() < self.issue_p(code, f):
                    got.append(code)
            if len(got) > 4:
                got = wsample(rng, got, [self.issue_p(c, f) for c in got], 4)
                got.sort(key=lambda c: self.codes.index(c))
            f["issues"] = [(c["code"], wchoice(rng, [1, 2, 3, 4, 5], SEVERITY_W[role])) for c in got]
            # yield
            lo, hi = FPY_BASE[role]
            y = rng.uniform(lo, hi)
            for code, sev in f["issues"]:
                yl = self.code(code)["yield_loss"]
                y -= (yl * (0.4 + 0.15 * sev)) if yl else 0.002 * sev
            y += rng.uniform(-0.005, 0.005)
            y = 1.0 - s["defects"] * (1.0 - y)  # the segment's level of own defects (seg(..., defects=k))
            y = min(0.996, max(0.70, y))
            missing = role != "chain_leader" and rng.random() < (0.08 if role == "micro" else 0.04)
            f["fpy"] = None if missing else r3(y)
            # certifications
            probs = dict(BASE_CERTS)
            probs.update(s["certs"])
            certs = []
            for scheme, pr in probs.items():
                if rng.random() >= pr[role]:
                    continue
                st = wchoice(rng, STATUSES, STATUS_WEIGHTS[role])
                if st in ("valid", "suspended"):
                    exp = rand_date(rng, day_after(as_of), "2028-12-31")
                elif st == "expired":
                    exp = rand_date(rng, "2025-01-01", day_before(as_of))
                else:
                    exp = None
                certs.append([scheme, st, exp])
            f["certs"] = certs
        # a deliberately stale record: status still "valid" but the certificate ran out (warning in qchain)
        for _ in range(spec.get("stale_valid", 0)):
            cands = [(f, c) for f in self.firms for c in f["certs"] if c[1] == "valid" and f["role"] in ("small", "micro")]
            f, c = cands[rng.randrange(len(cands))]
            c[2] = rand_date(rng, "2025-01-01", day_before(as_of))
            f["stale"] = True

    def code(self, code):
        for c in self.codes:
            if c["code"] == code:
                return c
        raise KeyError(code)

    def make_link_attributes(self):
        """Shares, essential/weight, inspection, requires and value for every (customer, input) group."""
        rng, spec = self.rng, self.spec
        irng = random.Random(spec["seed"] + INSPECTION_SEED_OFFSET)
        self.attrs = {}
        for c in sorted(self.inputs):
            cf = self.firms[c]
            groups = self.inputs[c]
            slugs = [slug for slug in groups if groups[slug]]
            for gi, slug in enumerate(slugs):
                sups = groups[slug]
                kinds = {self.kind[(s, c, slug)] for s in sups}
                aux = any(len(p) > 2 and p[0] == slug for sg in self.segs for p in sg["products"])
                if "special" in kinds:
                    essential = True
                elif "two_way" in kinds or "swapped" in kinds:
                    essential = False
                elif gi == 0:
                    essential = True
                else:
                    essential = rng.random() >= (0.8 if aux else 0.15)
                shares = [None] * len(sups)
                if len(sups) >= 2 and rng.random() < 0.45:
                    if rng.random() < 0.6:
                        total = 1.0 if rng.random() < 0.7 else rng.uniform(0.7, 0.95)
                        raw = [rng.uniform(0.2, 1.0) for _ in sups]
                        shares = [math.floor(total * x / sum(raw) * 100) / 100 for x in raw]
                    else:
                        shares[0] = round(rng.uniform(0.3, 0.7), 2)
                elif len(sups) == 1 and "regular" in kinds and rng.random() < 0.05:
                    shares = [1.0]
                n_inputs = len(slugs)
                for s, sh in zip(sups, shares):
                    sf = self.firms[s]
                    a = {}
                    if sh is not None:
                        a["share"] = sh
                    if not essential:
                        a["essential"] = False
                        a["weight"] = round(rng.uniform(0.02, 0.2), 2)
                    if rng.random() < LEGACY_INSPECTION_P[cf["role"]]:
                        rng.uniform(0.3, 0.9)  # legacy draw, discarded: keeps the main stream in step
                    if irng.random() >= NO_INSPECTION_P[cf["role"]]:
                        lo, hi = INSPECTION[cf["role"]]
                        a["inspection"] = round(irng.uniform(lo, hi), 2)
                    req = None
                    if spec.get("iatf") and sf["seg"] in _FX_PARTS and cf["seg"] == "vehicle-assembly":
                        pr = 0.6 if cf["role"] in ("chain_leader", "large") else 0.15
                        if rng.random() < pr:
                            req = ["IATF16949"]
                    if req is None and rng.random() < REQUIRES_P[cf["role"]]:
                        req = ["ISO9001"]
                    if req:
                        a["requires"] = req
                    if rng.random() < 0.88:
                        frac = (sh if sh is not None else 1.0 / len(sups))
                        v = cf["revenue"] * rng.uniform(0.25, 0.6) / n_inputs * frac
                        a["value"] = max(1.0, v)
                    self.attrs[(s, c, slug)] = a
        # a supplier cannot sell more than ~90 % of its revenue inside the chain: scale down if needed
        sold = {}
        for (s, c, slug), a in self.attrs.items():
            if "value" in a:
                sold[s] = sold.get(s, 0.0) + a["value"]
        for (s, c, slug), a in self.attrs.items():
            if "value" in a:
                cap = 0.9 * self.firms[s]["revenue"]
                if sold[s] > cap:
                    a["value"] *= cap / sold[s]
                v = a["value"]
                a["value"] = float(round(v)) if v >= 100 else max(0.1, round(v, 1))

    # ---- assistance and the baseline snapshot ----
    def make_assisted(self):
        b = self.spec.get("before")
        if not b:
            return
        rng = self.rng
        smalls = [f["i"] for f in self.firms if f["role"] in ("small", "micro")]
        k = round(b["assisted_frac"] * len(smalls))
        self.assisted = sorted(wsample(rng, smalls, [1 + len(self.firms[i]["issues"]) for i in smalls], k))
        for i in self.assisted:
            f = self.firms[i]
            f["assisted"] = {"by": rng.choice(b["bodies"]), "since": rand_date(rng, "2024-07-01", "2024-09-30"),
                             "programme": PROGRAMME}
            # the programme's main output: a (new) ISO 9001 certificate, or one on its way
            f["certs"] = [c for c in f["certs"] if c[0] != "ISO9001"]
            if rng.random() < 0.75:
                f["certs"].insert(0, ["ISO9001", "valid", rand_date(rng, "2027-07-01", "2027-12-31")])
            else:
                f["certs"].insert(0, ["ISO9001", "in_progress", None])
        # A first cohort has been assisted since the pilot began (2023): its own generator, so that the
        # main stream and with it everything else in the current files stays as it was.
        crng = random.Random(self.spec["id"] + "-cohort")
        self.cohort1 = set(crng.sample(self.assisted, round(0.3 * len(self.assisted))))
        for i in sorted(self.cohort1):
            self.firms[i]["assisted"]["since"] = rand_date(crng, "2023-04-01", "2024-03-31")

    # ---- outcome fields (effect indicators) ----
    def make_outcomes(self):
        """Profit, operating cost, quality cost (10k CNY) and customer satisfaction of every firm in both
        snapshots: illustrative figures, shaped like the programme's reported effects (assisted firms'
        margins up, costs and quality costs down, satisfaction about 0.95), from no survey. Revenue is the
        same in both snapshots (the files carried it before these fields existed), so revenue growth is 0.
        A generator of its own per firm, so that nothing else in the files changes; a few firms leave a
        field out in one snapshot, as surveys do."""
        if not self.spec.get("outcomes"):
            return
        for f in self.firms:
            i = f["i"]
            rng = random.Random("%s-outcomes-%s" % (self.spec["id"], f["id"]))
            rev = f["revenue"]
            helped = i in self.assisted and i not in self.cohort1
            earlier = i in self.cohort1
            m_now = rng.uniform(0.02, 0.12) if f["role"] not in ("micro",) or rng.random() >= 0.08 else -rng.uniform(0.01, 0.05)
            dm = rng.uniform(0.01, 0.05) if helped else rng.uniform(0.0, 0.015) if earlier else rng.uniform(-0.015, 0.015)
            oc_now = rev * rng.uniform(0.72, 0.9)
            doc = rng.uniform(0.03, 0.09) if helped else rng.uniform(0.0, 0.03) if earlier else rng.uniform(-0.03, 0.02)
            q_now = rng.uniform(0.015, 0.05)
            dq = rng.uniform(0.003, 0.012) if helped else rng.uniform(0.0, 0.004) if earlier else rng.uniform(-0.003, 0.003)
            s_now = rng.uniform(0.9, 1.0) if helped or earlier else rng.uniform(0.8, 0.97)
            ds = rng.uniform(0.01, 0.06) if helped else rng.uniform(-0.02, 0.02)
            now = {"profit": round(rev * m_now, 1) + 0.0, "operating_cost": round(oc_now, 1),
                   "quality_cost": round(rev * q_now, 1), "satisfaction": round(s_now, 3)}
            base = {"profit": round(rev * (m_now - dm), 1) + 0.0, "operating_cost": round(oc_now / (1 - doc), 1),
                    "quality_cost": round(rev * (q_now + dq), 1), "satisfaction": round(min(1.0, max(0.0, s_now - ds)), 3)}
            for fields in (now, base):
                for key in list(fields):
                    if rng.random() < 0.04:
                        del fields[key]
            self.outcomes[i] = (now, base)

    def pick_dropped(self):
        """New entrants of the last year: in the current snapshot, absent from the baseline."""
        b = self.spec.get("before")
        if not b:
            return []
        rng = self.rng
        special_sups = {s for (s, c, slug), k in self.kind.items() if k in ("special", "swapped")}
        paired = {x for p in self.two_way_pairs for x in p}
        links = self.link_list()
        deg = {}
        for s, c, slug in links:
            deg[s] = deg.get(s, 0) + 1
            deg[c] = deg.get(c, 0) + 1
        cands = [f["i"] for f in self.firms
                 if f["role"] in ("small", "micro") and f["i"] not in self.assisted
                 and f["i"] not in special_sups and f["i"] not in paired]
        dropped = []
        for _ in range(500):
            if len(dropped) == b["drop"]:
                break
            i = cands[rng.randrange(len(cands))]
            if i in dropped:
                continue
            trial = dropped + [i]
            ok = True
            d2 = dict(deg)
            for s, c, slug in links:
                if s in trial or c in trial:
                    d2[s] -= 1
                    d2[c] -= 1
            for j, d in d2.items():
                if j not in trial and d <= 0:
                    ok = False
            # no customer may lose all its inputs
            for c, groups in self.inputs.items():
                if c in trial:
                    continue
                if not any(any(s not in trial for s in sups) for sups in groups.values()):
                    ok = False
            if ok:
                dropped.append(i)
        if len(dropped) != b["drop"]:
            raise SystemExit("%s: could not choose dropped firms" % self.spec["id"])
        for i in dropped:
            self.firms[i]["new"] = True
        return dropped

    def link_list(self):
        out = []
        for c in sorted(self.inputs):
            for slug, sups in self.inputs[c].items():
                for s in sups:
                    out.append((s, c, slug))
        return out

    # ---- serialisation ----
    def assign_ids(self):
        order = sorted(self.firms, key=lambda f: (f["new"], f["order"], self.segs.index(self.seg_by_id[f["seg"]]),
                                                  f["pos"]))
        for n, f in enumerate(order, 1):
            f["id"] = "%s%04d" % (self.spec["prefix"], n)
        self.id_order = [f["i"] for f in order]

    def header(self, as_of, baseline=False):
        spec = self.spec
        desc = DESCRIPTION + ("本文件为提升行动帮扶前一年的基线快照。" if baseline else "")
        if spec.get("outcomes"):
            desc += "利润、营业成本、质量成本与满意度为示意性数值，并非调查所得。"
        chain = {"id": spec["id"], "name": spec["name"], "region": spec["region"], "industry": spec["industry"],
                 "description": desc, "as_of": as_of}
        segments = [{"id": s["id"], "name": s["name"], "order": s["order"]} for s in self.segs]
        issues = []
        for c in self.codes:
            e = {"code": c["code"], "name": c["name"], "category": c["category"]}
            if c["yield_loss"] is not None:
                e["yield_loss"] = c["yield_loss"]
            issues.append(e)
        return {"format": FORMAT, "chain": chain, "segments": segments, "issues": issues}

    def firm_json(self, f, fpy, maturity, certs, issues, assisted, outcomes=None):
        d = {"id": f["id"], "name": f["name"], "role": f["role"], "segment": f["seg"], "region": f["region"]}
        if fpy is not None:
            d["first_pass_yield"] = fpy
        if maturity:
            d["maturity"] = maturity
        if willingness_of(f):
            d["willingness"] = willingness_of(f)
        d["employees"] = f["employees"]
        d["revenue"] = f["revenue"]
        for key in ("profit", "operating_cost", "quality_cost", "satisfaction"):
            if outcomes and key in outcomes:
                d[key] = outcomes[key]
        if certs:
            cl = []
            for scheme, st, exp in certs:
                e = {"scheme": scheme, "status": st}
                if exp:
                    e["expires"] = exp
                cl.append(e)
            d["certifications"] = cl
        if issues:
            d["issues"] = [{"code": c, "severity": s} for c, s in issues]
        if assisted:
            d["assisted"] = dict(assisted)
        return d

    def links_json(self, drop=()):
        out = []
        for s, c, slug in self.link_list():
            if s in drop or c in drop:
                continue
            d = {"supplier": self.firms[s]["id"], "customer": self.firms[c]["id"], "input": slug}
            d.update(self.attrs[(s, c, slug)])
            out.append(d)
        idx = {f["id"]: n for n, f in enumerate(self.firms)}
        out.sort(key=lambda d: (self.firms[idx[d["customer"]]]["id"], d["input"], d["supplier"]))
        return out

    def current_doc(self):
        doc = self.header(self.spec["as_of"])
        doc["firms"] = [self.firm_json(self.firms[i], self.firms[i]["fpy"], self.firms[i]["maturity"],
                                       self.firms[i]["certs"], self.firms[i]["issues"], self.firms[i].get("assisted"),
                                       self.outcomes.get(i, (None, None))[0])
                        for i in self.id_order]
        doc["links"] = self.links_json()
        return doc

    def before_doc(self, dropped):
        rng, b = self.rng, self.spec["before"]
        as_of = b["as_of"]
        doc = self.header(as_of, baseline=True)
        solved = [c for c in self.codes if c["solved"]]
        firms = []
        for i in self.id_order:
            if i in dropped:
                continue
            f = self.firms[i]
            earlier = i in self.cohort1  # assisted before the baseline: its big step came earlier
            helped = i in self.assisted and not earlier
            fpy = f["fpy"]
            if fpy is not None:
                # most newly assisted firms gained 3-8 points, one in ten hardly moved; the first cohort
                # kept improving a little; the others drifted
                if earlier:
                    gain = rng.uniform(0.005, 0.03)
                elif helped:
                    gain = rng.uniform(0.03, 0.08) if rng.random() < 0.9 else rng.uniform(-0.01, 0.01)
                else:
                    gain = rng.uniform(-0.015, 0.02)
                fpy = r3(min(0.999, max(0.6, fpy - gain)))
            mat = f["maturity"]
            if helped and mat in ("developing", "leaping") and rng.random() < 0.5:
                mat = MATURITIES[MATURITIES.index(mat) - 1]
            # issues: more and worse before
            # a few problems of firms left alone are new since the baseline
            issues = [[c, s] for c, s in f["issues"] if helped or rng.random() >= 0.06]
            for e in issues:
                if helped and rng.random() < 0.6:
                    e[1] = min(5, e[1] + 1)
            have = {c for c, _ in issues}
            for code in solved:
                p = self.issue_p(code, f) * (1.6 if helped else 1.0)
                if len(issues) < 4 and rng.random() < p:
                    issues.append([code["code"], wchoice(rng, [2, 3, 4], (0.3, 0.45, 0.25))])
                    have.add(code["code"])
            extra = rng.randint(1, 2) if helped else (1 if rng.random() < 0.12 else 0)
            pool = [c for c in self.codes if c["code"] not in have and not c["solved"] and self.issue_p(c, f) > 0]
            for code in wsample(rng, pool, [self.issue_p(c, f) for c in pool], extra):
                if len(issues) >= 4:
                    break
                issues.append([code["code"], wchoice(rng, [2, 3, 4], (0.3, 0.45, 0.25))])
            order = [c["code"] for c in self.codes]
            issues.sort(key=lambda e: order.index(e[0]))
            # certifications: fewer valid ones a year earlier
            certs = []
            for scheme, st, exp in f["certs"]:
                if helped and scheme == "ISO9001":
                    if rng.random() < 0.4:
                        certs.append([scheme, "in_progress", None])
                    continue
                if st == "in_progress" and rng.random() < 0.5:
                    continue
                if st == "expired":
                    st = "valid"  # it ran out between the two snapshots
                elif st == "valid" and f.get("stale"):
                    pass
                elif st == "valid" and rng.random() < 0.08:
                    continue  # obtained during the last year
                certs.append([scheme, st, exp])
            firms.append(self.firm_json(f, fpy, mat, certs, [tuple(e) for e in issues], f.get("assisted") if earlier else None,
                                        self.outcomes.get(i, (None, None))[1]))
        doc["firms"] = firms
        doc["links"] = self.links_json(drop=set(dropped))
        return doc

    def build(self):
        self.make_firms()
        self.make_links()
        self.make_catalogue()
        self.make_attributes()
        self.make_link_attributes()
        self.make_assisted()
        dropped = self.pick_dropped()
        self.assign_ids()
        self.make_outcomes()
        docs = {self.spec["id"] + ".json": with_inputs(self.current_doc())}
        if self.spec.get("before"):
            docs[self.spec["id"] + ".before.json"] = with_inputs(self.before_doc(dropped))
        return docs


# --------------------------------------------------------------------------------------------------
# Validation: every rule of FORMAT.md, plus the stricter rules of the pilot brief.

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
CTRL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
KEYS = {
    "top": {"format", "chain", "segments", "issues", "inputs", "firms", "links"},
    "input": {"id", "name"},
    "chain": {"id", "name", "region", "industry", "description", "as_of"},
    "segment": {"id", "name", "order"},
    "issue": {"code", "name", "category", "yield_loss", "description"},
    "firm": {"id", "name", "role", "segment", "region", "first_pass_yield", "maturity", "willingness", "employees", "revenue",
             "profit", "operating_cost", "quality_cost", "satisfaction", "certifications", "issues", "assisted"},
    "cert": {"scheme", "status", "expires"},
    "firm_issue": {"code", "severity"},
    "assisted": {"by", "since", "programme"},
    "link": {"supplier", "customer", "input", "share", "essential", "weight", "inspection", "requires", "value"},
}


def is_num(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def is_int(x):
    return isinstance(x, int) and not isinstance(x, bool)


def is_date(x):
    if not isinstance(x, str) or not DATE_RE.match(x):
        return False
    try:
        datetime.date.fromisoformat(x)
    except ValueError:
        return False
    return True


def validate(doc, label, expect):
    """Return a list of error strings (empty when the document is fine)."""
    E = []

    def err(where, msg):
        E.append("%s: %s: %s" % (label, where, msg))

    def keys(obj, kind, where):
        if not isinstance(obj, dict):
            err(where, "not an object")
            return False
        extra = sorted(set(obj) - KEYS[kind])
        if extra:
            err(where, "unknown keys %s" % extra)
        return True

    def unit(obj, k, where):
        if k in obj and not (is_num(obj[k]) and 0 <= obj[k] <= 1):
            err(where + "." + k, "not a number in [0,1]: %r" % (obj[k],))

    def string(obj, k, where, required=False, nonempty=False):
        if k not in obj:
            if required:
                err(where, "missing %s" % k)
            return
        if not isinstance(obj[k], str) or (nonempty and not obj[k]):
            err(where + "." + k, "not a%s string" % (" non-empty" if nonempty else ""))

    keys(doc, "top", "top")
    used = {l.get("input") for l in doc.get("links", [])}
    seen_inputs = set()
    for k, i in enumerate(doc.get("inputs", [])):
        keys(i, "input", "inputs[%d]" % k)
        if not i.get("name"):
            err("inputs[%d].name" % k, "no Chinese name for input %r (add it to INPUT_NAMES)" % (i.get("id"),))
        if i.get("id") in seen_inputs:
            err("inputs[%d].id" % k, "duplicate input id %r" % (i.get("id"),))
        if i.get("id") not in used:
            err("inputs[%d].id" % k, "input %r is used by no link" % (i.get("id"),))
        seen_inputs.add(i.get("id"))
    if doc.get("format") != FORMAT:
        err("format", "not %s" % FORMAT)
    for k in ("chain", "firms"):
        if k not in doc:
            err("top", "missing %s" % k)
    ch = doc.get("chain", {})
    if keys(ch, "chain", "chain"):
        string(ch, "id", "chain", True, True)
        string(ch, "name", "chain", True)
        for k in ("region", "industry", "description"):
            string(ch, k, "chain")
        if "as_of" in ch and not is_date(ch["as_of"]):
            err("chain.as_of", "malformed date")
    as_of = ch.get("as_of")

    seg_order = {}
    for n, s in enumerate(doc.get("segments", [])):
        w = "segments[%d]" % n
        if not keys(s, "segment", w):
            continue
        string(s, "id", w, True)
        string(s, "name", w, True)
        if not (is_int(s.get("order")) and s["order"] >= 0):
            err(w + ".order", "not an integer >= 0")
        if s.get("id") in seg_order:
            err(w + ".id", "duplicate segment id %r" % s.get("id"))
        seg_order[s.get("id")] = s.get("order")

    codes = {}
    for n, it in enumerate(doc.get("issues", [])):
        w = "issues[%d]" % n
        if not keys(it, "issue", w):
            continue
        string(it, "code", w, True)
        string(it, "name", w, True)
        string(it, "description", w)
        if it.get("category") not in CATEGORIES:
            err(w + ".category", "not one of the 6M classes")
        unit(it, "yield_loss", w)
        if it.get("code") in codes:
            err(w + ".code", "duplicate issue code %r" % it.get("code"))
        codes[it.get("code")] = it

    firms = {}
    for n, f in enumerate(doc.get("firms", [])):
        w = "firms[%d]" % n
        if not keys(f, "firm", w):
            continue
        string(f, "id", w, True, True)
        if isinstance(f.get("id"), str) and CTRL_RE.search(f["id"]):
            err(w + ".id", "control character in id")
        if f.get("id") in firms:
            err(w + ".id", "duplicate firm id %r" % f.get("id"))
        firms[f.get("id")] = f
        string(f, "name", w, True)
        if f.get("role") not in ROLES:
            err(w + ".role", "unknown role %r" % f.get("role"))
        if "segment" in f and f["segment"] not in seg_order:
            err(w + ".segment", "unknown segment %r" % f["segment"])
        string(f, "region", w)
        unit(f, "first_pass_yield", w)
        if "maturity" in f and f["maturity"] not in MATURITIES:
            err(w + ".maturity", "unknown maturity")
        if "employees" in f and not (is_int(f["employees"]) and f["employees"] >= 0):
            err(w + ".employees", "not an integer >= 0")
        if "revenue" in f and not (is_num(f["revenue"]) and f["revenue"] >= 0):
            err(w + ".revenue", "not a number >= 0")
        if "profit" in f and not is_num(f["profit"]):
            err(w + ".profit", "not a number")
        for k in ("operating_cost", "quality_cost"):
            if k in f and not (is_num(f[k]) and f[k] >= 0):
                err(w + "." + k, "not a number >= 0")
        unit(f, "satisfaction", w)
        schemes = set()
        for m, c in enumerate(f.get("certifications", [])):
            cw = "%s.certifications[%d]" % (w, m)
            if not keys(c, "cert", cw):
                continue
            string(c, "scheme", cw, True)
            if c.get("status") not in STATUSES:
                err(cw + ".status", "unknown status")
            if "expires" in c and not is_date(c["expires"]):
                err(cw + ".expires", "malformed date")
            if c.get("scheme") in schemes:
                err(cw + ".scheme", "second entry for scheme %r" % c.get("scheme"))
            schemes.add(c.get("scheme"))
        seen = set()
        for m, it in enumerate(f.get("issues", [])):
            iw = "%s.issues[%d]" % (w, m)
            if not keys(it, "firm_issue", iw):
                continue
            if it.get("code") not in codes:
                err(iw + ".code", "unknown issue code %r" % it.get("code"))
            if not (is_int(it.get("severity")) and 1 <= it["severity"] <= 5):
                err(iw + ".severity", "not an integer 1..5")
            if it.get("code") in seen:
                err(iw + ".code", "second entry for code %r" % it.get("code"))
            seen.add(it.get("code"))
        if "assisted" in f and keys(f["assisted"], "assisted", w + ".assisted"):
            a = f["assisted"]
            string(a, "by", w + ".assisted")
            string(a, "programme", w + ".assisted")
            if "since" in a and not is_date(a["since"]):
                err(w + ".assisted.since", "malformed date")

    triples = set()
    groups = {}
    linked = set()
    for n, l in enumerate(doc.get("links", [])):
        w = "links[%d]" % n
        if not keys(l, "link", w):
            continue
        for k in ("supplier", "customer"):
            string(l, k, w, True)
            if l.get(k) not in firms:
                err(w + "." + k, "unknown firm %r" % l.get(k))
        if l.get("supplier") == l.get("customer"):
            err(w, "self-link")
        string(l, "input", w)
        inp = l.get("input", l.get("supplier"))
        t = (l.get("supplier"), l.get("customer"), inp)
        if t in triples:
            err(w, "duplicate link %r" % (t,))
        triples.add(t)
        for k in ("share", "weight", "inspection"):
            unit(l, k, w)
        if "essential" in l and not isinstance(l["essential"], bool):
            err(w + ".essential", "not a bool")
        if "requires" in l and not (isinstance(l["requires"], list) and all(isinstance(x, str) for x in l["requires"])):
            err(w + ".requires", "not an array of strings")
        if "value" in l and not (is_num(l["value"]) and l["value"] >= 0):
            err(w + ".value", "not a number >= 0")
        g = groups.setdefault((l.get("customer"), inp), {"share": 0.0, "ess": set(), "n": 0})
        g["share"] += l.get("share", 0.0) if is_num(l.get("share", 0.0)) else 0.0
        g["ess"].add(l.get("essential", True))
        g["n"] += 1
        linked.update((l.get("supplier"), l.get("customer")))
    for (c, inp), g in groups.items():
        if g["share"] > 1 + 1e-9:
            err("links", "shares of (%s, %s) add up to %.4f > 1" % (c, inp, g["share"]))
        if len(g["ess"]) > 1:
            err("links", "disagreeing essential for (%s, %s)" % (c, inp))

    # ---- stricter rules of the pilot brief ----
    firm_list = doc.get("firms", [])
    for fid in firms:
        if fid not in linked:
            err("firms", "firm %s has no links" % fid)
    nf = len(firm_list)
    if not 60 <= nf <= 400:
        err("firms", "%d firms, want 60..400" % nf)
    nl = sum(1 for f in firm_list if f.get("role") == "chain_leader")
    if not 2 <= nl <= 6:
        err("firms", "%d chain leaders, want 2..6" % nl)
    names = [f.get("name") for f in firm_list]
    if len(set(names)) != len(names):
        err("firms", "duplicate firm names")
    if not 8 <= len(codes) <= 15:
        err("issues", "%d issue codes, want 8..15" % len(codes))
    for c, it in codes.items():
        if not re.match(r"^(MAT|MCH|MTH|MSR|MAN|ENV)-\d{2}$", c or "") or CODE_PREFIX.get(it.get("category")) != c[:3]:
            err("issues", "code %r does not fit its category" % c)
        if "yield_loss" in it and not 0.005 <= it["yield_loss"] <= 0.04:
            err("issues", "yield_loss of %s outside 0.005..0.04" % c)
    nyl = sum(1 for it in codes.values() if "yield_loss" in it)
    if not 0.3 <= nyl / max(1, len(codes)) <= 0.7:
        err("issues", "yield_loss on %d of %d codes, want about half" % (nyl, len(codes)))
    desc = ch.get("description", "")
    if "示例数据" not in desc or "非官方" not in desc:
        err("chain.description", "must say the data is illustrative, not official")
    if as_of != expect["as_of"]:
        err("chain.as_of", "%r, want %r" % (as_of, expect["as_of"]))
    pid = re.compile(r"^%s\d{4}$" % expect["prefix"])
    for f in firm_list:
        w = "firm %s" % f.get("id")
        if not pid.match(f.get("id", "")):
            err(w, "id does not look like %s0001" % expect["prefix"])
        if "segment" not in f or "region" not in f:
            err(w, "missing segment or region")
        if len(f.get("issues", [])) > 4:
            err(w, "more than 4 issues")
        for c in f.get("certifications", []):
            if "expires" in c and not "2025" <= c["expires"][:4] <= "2028":
                err(w, "expires %s outside 2025..2028" % c["expires"])
            if c.get("status") == "in_progress" and "expires" in c:
                err(w, "in_progress certification with an expiry date")
        if "assisted" in f:
            if not expect["assisted_ok"]:
                err(w, "assisted in a file that should have none")
            a = f["assisted"]
            if f.get("role") not in ("small", "micro") or a.get("programme") != PROGRAMME \
                    or not "2023-04-01" <= a.get("since", "") <= "2024-09-30" \
                    or a.get("since", "") > doc["chain"]["as_of"]:
                err(w, "odd assisted record")
    if expect["assisted_frac"]:
        sm = [f for f in firm_list if f.get("role") in ("small", "micro")]
        frac = sum(1 for f in sm if "assisted" in f) / len(sm)
        if not 0.15 <= frac <= 0.30:
            err("firms", "%.0f%% of small/micro firms assisted, want 15..30%%" % (100 * frac))
    fseg = {f.get("id"): f.get("segment") for f in firm_list}
    against, pairs = 0, set()
    ninputs, nsrc = {}, {}
    for l in doc.get("links", []):
        s, c = l.get("supplier"), l.get("customer")
        if s not in fseg or c not in fseg:
            continue
        os_, oc = seg_order.get(fseg[s]), seg_order.get(fseg[c])
        if os_ > oc:
            against += 1
        elif fseg[s] == fseg[c]:
            pairs.add((s, c))
        ninputs.setdefault(c, set()).add(l.get("input", s))
        nsrc[(c, l.get("input", s))] = nsrc.get((c, l.get("input", s)), 0) + 1
        if l.get("essential", True) and "weight" in l:
            err("links", "weight on an essential link %s -> %s" % (s, c))
        if l.get("essential", True) is False and not 0.02 <= l.get("weight", -1) <= 0.2:
            err("links", "non-essential link %s -> %s without weight 0.02..0.2" % (s, c))
        if "inspection" in l and not INSPECTION_RANGE[0] <= l["inspection"] <= INSPECTION_RANGE[1]:
            err("links", "inspection outside %.2f..%.2f" % INSPECTION_RANGE)
    links = doc.get("links", [])
    cov = sum(1 for l in links if "inspection" in l) / max(1, len(links))
    if not INSPECTION_COVERAGE[0] <= cov <= INSPECTION_COVERAGE[1]:
        err("links", "inspection on %.1f%% of links, want %.0f..%.0f%%"
            % (100 * cov, 100 * INSPECTION_COVERAGE[0], 100 * INSPECTION_COVERAGE[1]))
    if against != expect["against"]:
        err("links", "%d links against segment order, want %d" % (against, expect["against"]))
    two_way = sum(1 for s, c in pairs if (c, s) in pairs) // 2
    if any((c, s) not in pairs for s, c in pairs):
        err("links", "same-segment link that is not part of a two-way pair")
    if not 1 <= two_way <= 3:
        err("links", "%d two-way pairs, want 1..3" % two_way)
    for c, ins in ninputs.items():
        if not 1 <= len(ins) <= 6:
            err("links", "customer %s buys %d inputs, want 1..6" % (c, len(ins)))
    for k, v in nsrc.items():
        if not 1 <= v <= 3:
            err("links", "input %r has %d sources, want 1..3" % (k, v))
    return E


def validate_pair(cur, bef, label):
    E = []
    cf = {f["id"]: f for f in cur["firms"]}
    bf = {f["id"]: f for f in bef["firms"]}
    added = sorted(set(cf) - set(bf))
    if set(bf) - set(cf):
        E.append("%s: baseline has firms missing from the current file" % label)
    if not 2 <= len(added) <= 3:
        E.append("%s: %d firms added since the baseline, want 2..3" % (label, len(added)))
    for fid, f in bf.items():
        if "assisted" in f and f["assisted"]["since"] > bef["chain"]["as_of"]:
            E.append("%s: baseline firm %s assisted only after the baseline" % (label, fid))
        c = cf[fid]
        if "first_pass_yield" in c and "first_pass_yield" in f:
            d = c["first_pass_yield"] - f["first_pass_yield"]
            lo, hi = (0.005, 0.03) if "assisted" in f else (-0.01, 0.08) if "assisted" in c else (-0.015, 0.02)
            if not lo - 0.001 <= d <= hi + 0.001:
                E.append("%s: firm %s yield change %.3f outside %.3f..%.3f" % (label, fid, d, lo, hi))
    nv = lambda doc: sum(1 for f in doc["firms"] for c in f.get("certifications", []) if c["status"] == "valid")
    if nv(bef) >= nv(cur):
        E.append("%s: baseline does not have fewer valid certifications" % label)
    ni = lambda doc: sum(len(f.get("issues", [])) for f in doc["firms"])
    if ni(bef) <= ni(cur):
        E.append("%s: baseline does not have more issues" % label)
    used = lambda doc: {i["code"] for f in doc["firms"] for i in f.get("issues", [])}
    if not used(bef) - used(cur):
        E.append("%s: no issue code present in the baseline and solved now" % label)
    return E


def schema_check(docs):
    try:
        import jsonschema
    except ImportError:
        print("jsonschema not installed: schema check skipped")
        return []
    with open(SCHEMA_PATH, encoding="utf-8") as fh:
        schema = json.load(fh)
    jsonschema.Draft202012Validator.check_schema(schema)
    v = jsonschema.Draft202012Validator(schema)
    E = []
    for name, doc in docs.items():
        for e in v.iter_errors(doc):
            E.append("%s: schema: %s: %s" % (name, "/".join(str(p) for p in e.absolute_path), e.message))
    print("schema check: %d documents against %s" % (len(docs), os.path.relpath(SCHEMA_PATH, HERE)))
    return E


# --------------------------------------------------------------------------------------------------

def upstream_size(doc, fid):
    sup = {}
    for l in doc["links"]:
        sup.setdefault(l["customer"], []).append(l["supplier"])
    seen, stack = set(), [fid]
    while stack:
        for s in sup.get(stack.pop(), []):
            if s not in seen and s != fid:
                seen.add(s)
                stack.append(s)
    return len(seen)


def summary(name, doc):
    firms = doc["firms"]
    roles = {r: sum(1 for f in firms if f["role"] == r) for r in ROLES}
    outdeg = {}
    for l in doc["links"]:
        outdeg[l["supplier"]] = outdeg.get(l["supplier"], 0) + 1
    top = sorted(outdeg.values(), reverse=True)[:3]
    leaders = [f["id"] for f in firms if f["role"] == "chain_leader"]
    ups = [upstream_size(doc, x) for x in leaders]
    return ("%-36s firms %3d  links %4d  leaders %d  (L/l/m/s/µ %s)  leader upstream %s  top out-degree %s"
            % (name, len(firms), len(doc["links"]), roles["chain_leader"],
               "/".join(str(roles[r]) for r in ROLES), ups, top))


def main(argv):
    check_only = "--check" in argv
    docs, errors = {}, []
    for spec in CHAINS:
        ch = Chain(spec)
        out = ch.build()
        for name, doc in out.items():
            before = name.endswith(".before.json")
            expect = {"as_of": spec["before"]["as_of"] if before else spec["as_of"], "prefix": spec["prefix"],
                      "assisted_ok": bool(spec.get("before")),  # the first cohort is marked in the baseline too
                      "assisted_frac": bool(spec.get("before")) and not before,
                      "against": 1 if spec.get("swap_link") else 0}
            errors += validate(doc, name, expect)
        if spec.get("before"):
            errors += validate_pair(out[spec["id"] + ".json"], out[spec["id"] + ".before.json"], spec["id"])
        docs.update(out)
    errors += schema_check(docs)
    if errors:
        for e in errors:
            print("ERROR", e, file=sys.stderr)
        print("%d errors; nothing written" % len(errors), file=sys.stderr)
        return 1
    for name, doc in docs.items():
        print(summary(name, doc))
        if not check_only:
            with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="\n") as fh:
                json.dump(doc, fh, ensure_ascii=False, indent=1)
                fh.write("\n")
    print("%s %d files" % ("checked" if check_only else "wrote", len(docs)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
