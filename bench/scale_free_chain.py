#!/usr/bin/env python3
"""Write a qchain chain JSON from networkx's directed scale-free graph (issue 21's hub-heavy network).

    python3 bench/scale_free_chain.py --firms 10000 --seed 7 -o /tmp/sf10k.json

Self-loops and multi-edges are dropped (at 10,000 firms: ~18,400 links, a strongly connected core of
~300). networkx's edge u -> v is read as u supplies v. The attributes are illustrative and seeded:
  - value: lognormal purchase value; revenue: 1.2 x the firm's sales in the chain (at least 1), so σ < 1;
  - a customer's inputs: its suppliers taken in id order, in groups of 1-3 alternative sources with
    random shares summing to 1 (a group of one is a sole source);
  - about a third of the groups are non-essential (their links carry weight = value / input value).
This mix makes cascades partial (levels fall part of the way), which is what lets drops circulate in
the core: exactly the case that made the kernel slow.
"""
import argparse
import json
import random

import networkx as nx


def build(firms, seed):
    g = nx.DiGraph(nx.scale_free_graph(firms, seed=seed))
    g.remove_edges_from(list(nx.selfloop_edges(g)))
    return g


def chain(g, seed):
    rnd = random.Random(seed)
    n = g.number_of_nodes()
    fid = lambda v: "F%06d" % v
    value = {e: round(rnd.lognormvariate(3.0, 1.0), 2) for e in sorted(g.edges())}
    links = []
    for v in sorted(g.nodes()):
        sup = sorted(g.predecessors(v))
        k = 0
        grp = 0
        while k < len(sup):
            size = min(len(sup) - k, rnd.choice((1, 1, 2, 3)))
            members = sup[k:k + size]
            k += size
            essential = rnd.random() >= 1 / 3
            raw = [rnd.random() + 0.1 for _ in members]
            total_raw = sum(raw)
            shares = [round(x / total_raw, 6) for x in raw]
            shares[-1] = round(max(0.0, 1.0 - sum(shares[:-1])), 6)
            in_val = sum(value[(u, v)] for u in sup)
            for u, s in zip(members, shares):
                link = {"supplier": fid(u), "customer": fid(v), "input": "in%d" % grp,
                        "value": value[(u, v)], "essential": essential}
                if size > 1:
                    link["share"] = s
                if not essential:
                    link["weight"] = round(value[(u, v)] / in_val, 6)
                links.append(link)
            grp += 1
    sales = {v: 0.0 for v in g.nodes()}
    for (u, _), x in value.items():
        sales[u] += x
    roles = ("large", "medium", "small", "micro")
    out = []
    for v in sorted(g.nodes()):
        role = "chain_leader" if v < 3 else roles[min(3, int(rnd.random() * 4))]
        out.append({"id": fid(v), "name": "企业%d" % v, "role": role,
                    "revenue": round(max(1.0, 1.2 * sales[v]), 2)})
    return {"format": "qchain-chain/1",
            "chain": {"id": "scale-free-%d" % n, "name": "无标度网络 %d" % n, "region": "示例",
                      "industry": "示例", "description": "networkx scale_free_graph, 示意数据"},
            "firms": out, "links": links}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--firms", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("-o", "--output", required=True)
    a = ap.parse_args()
    g = build(a.firms, a.seed)
    core = max(nx.strongly_connected_components(g), key=len)
    c = chain(g, a.seed)
    with open(a.output, "w", encoding="utf-8") as f:
        json.dump(c, f, ensure_ascii=False, separators=(",", ":"))
    print("firms %d links %d core %d" % (g.number_of_nodes(), g.number_of_edges(), len(core)))


if __name__ == "__main__":
    main()
