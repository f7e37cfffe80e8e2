#!/usr/bin/env python3
"""Oracle for the structure tests: tiers, articulation points and exact betweenness by networkx.

Reads a qchain-chain/1 file, prints JSON {"tiers": {id: tier}, "cut": [ids], "betweenness": {id: value}}.
Exit code 77 when networkx is not installed (the test then skips).
"""
import json
import sys

try:
    import networkx as nx
except ImportError:
    sys.exit(77)

doc = json.load(open(sys.argv[1], encoding="utf-8"))
g = nx.DiGraph()
g.add_nodes_from(f["id"] for f in doc["firms"])
g.add_edges_from((l["supplier"], l["customer"]) for l in doc.get("links", []))

cond = nx.condensation(g)
tier_of_comp = {}
for c in nx.topological_sort(cond):
    preds = list(cond.predecessors(c))
    tier_of_comp[c] = max((tier_of_comp[p] + 1 for p in preds), default=0)
mapping = cond.graph["mapping"]
tiers = {v: tier_of_comp[mapping[v]] for v in g.nodes}

cut = sorted(nx.articulation_points(g.to_undirected()))
bc = nx.betweenness_centrality(g, normalized=True)
json.dump({"tiers": tiers, "cut": cut, "betweenness": bc}, sys.stdout)
