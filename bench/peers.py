#!/usr/bin/env python3
"""The peer side of the benchmark: the steps a user would run with networkx or python-igraph
(Debian's python3-networkx, python3-igraph; the propagation pass uses scipy) on a qchain chain file.

Prints one JSON line per step: {"step": name, "seconds": s}. `--skip a,b` leaves steps out (the
driver restarts this script past a step that overran its time cap; parse and build always run
because everything needs them, but are reported only when not skipped).
"""
import argparse
import json
import random
import sys
import time

STEPS = ["parse", "build", "tiers", "supply_bases", "dominators", "articulation", "betweenness", "propagation"]


def emit(step, seconds, skip, **extra):
    if step not in skip:
        print(json.dumps(dict(step=step, seconds=seconds, **extra)), flush=True)


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--peer", choices=["networkx", "igraph"], required=True)
    ap.add_argument("--file", required=True)
    ap.add_argument("--samples", type=int, default=256)
    ap.add_argument("--skip", default="")
    a = ap.parse_args()
    skip = set(filter(None, a.skip.split(",")))

    doc, t = timed(lambda: json.load(open(a.file, encoding="utf-8")))
    emit("parse", t, skip)
    ids = [f["id"] for f in doc["firms"]]
    index = {v: i for i, v in enumerate(ids)}
    edges = [(index[l["supplier"]], index[l["customer"]]) for l in doc.get("links", [])]
    leaders = [index[f["id"]] for f in doc["firms"] if f["role"] == "chain_leader"]
    n = len(ids)

    if a.peer == "networkx":
        import networkx as nx

        def build():
            g = nx.DiGraph()
            g.add_nodes_from(range(n))
            g.add_edges_from(edges)
            return g

        g, t = timed(build)
        emit("build", t, skip)

        def tiers():
            cond = nx.condensation(g)
            tier = {}
            for c in nx.topological_sort(cond):
                tier[c] = max((tier[p] + 1 for p in cond.predecessors(c)), default=0)
            return tier

        def supply_bases():
            return [len(nx.ancestors(g, l)) for l in leaders]

        def dominators():
            h = g.copy()
            root = n
            h.add_edges_from((root, v) for v in range(n) if h.in_degree(v) == 0)
            return nx.immediate_dominators(h, root)

        steps = {
            "tiers": tiers,
            "supply_bases": supply_bases,
            "dominators": dominators,
            "articulation": lambda: list(nx.articulation_points(g.to_undirected())),
            "betweenness": lambda: nx.betweenness_centrality(g, k=min(a.samples, n), seed=1) if n > 50000
            else nx.betweenness_centrality(g),
        }
    else:
        import igraph as ig

        def build():
            return ig.Graph(n=n, edges=edges, directed=True).simplify(multiple=True, loops=True)

        g, t = timed(build)
        emit("build", t, skip)

        def tiers():
            memb = g.connected_components(mode="strong").membership
            cond = g.copy()
            cond.contract_vertices(memb)
            cond.simplify()
            tier = [0] * cond.vcount()
            for c in cond.topological_sorting():
                for d in cond.successors(c):
                    tier[d] = max(tier[d], tier[c] + 1)
            return tier

        def dominators():
            h = g.copy()
            root = h.vcount()
            h.add_vertices(1)
            indeg = g.indegree()
            h.add_edges([(root, v) for v in range(n) if indeg[v] == 0])
            return h.dominator(root, mode="out")

        steps = {
            "tiers": tiers,
            "supply_bases": lambda: [len(g.subcomponent(l, mode="in")) for l in leaders],
            "dominators": dominators,
            "articulation": lambda: g.as_undirected().articulation_points(),
            # python-igraph has no sampled betweenness: exact (reported as such by the driver).
            "betweenness": lambda: g.betweenness(directed=True),
        }

    def propagation():
        import numpy as np
        import scipy.sparse as sp
        src = np.fromiter((e[0] for e in edges), dtype=np.int32, count=len(edges))
        dst = np.fromiter((e[1] for e in edges), dtype=np.int32, count=len(edges))
        m = sp.csr_matrix((np.full(len(edges), 0.25), (dst, src)), shape=(n, n))
        x = np.full(n, 0.5)
        _, t = timed(lambda: m @ x)
        return t

    for step in STEPS[2:]:
        if step in skip:
            continue
        if step == "propagation":
            try:
                emit(step, propagation(), skip, tool="scipy")
            except ImportError:
                print(json.dumps(dict(step=step, error="scipy missing")), flush=True)
            continue
        _, t = timed(steps[step])
        emit(step, t, skip)


if __name__ == "__main__":
    sys.exit(main())
