#include "qchain/visualization/graphviz_renderer.hpp"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <vector>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace qchain::visualization {
namespace {

// The process's one Graphviz context and the lock that serialises all use of Graphviz.
struct Graphviz {
  std::mutex lock;
  GVC_t* context = gvContext();
  ~Graphviz() { gvFreeContext(context); }
};

Graphviz& graphviz() {
  static Graphviz g;
  return g;
}

// cgraph's default object ids are the addresses of interned names, and subgraphs are visited in id
// order: cluster order, and so the SVG, would change from run to run. This discipline numbers names
// in creation order instead (even ids for named objects, odd for anonymous ones, as cgraph expects).
struct IdState {
  Agraph_t* graph;
  std::map<std::string, IDTYPE> ids;
  std::vector<char*> names;  // cgraph's own reference-counted strings: agnameof's callers inspect them
  IDTYPE anonymous = 1;
};

void* id_open(Agraph_t* g, Agdisc_t*) { return new IdState{g, {}, {}, 1}; }
long id_map(void* state, int, char* str, IDTYPE* id, int create) {
  auto* s = static_cast<IdState*>(state);
  if (!str) {
    *id = s->anonymous;
    s->anonymous += 2;
    return 1;
  }
  auto it = s->ids.find(str);
  if (it != s->ids.end()) {
    *id = it->second;
    return 1;
  }
  if (!create) {
    *id = 0;  // not found, as the default discipline answers
    return 1;
  }
  s->names.push_back(agstrdup(s->graph, str));
  *id = 2 * static_cast<IDTYPE>(s->names.size());
  s->ids.emplace(str, *id);
  return 1;
}
long id_alloc(void*, int, IDTYPE) { return 0; }
void id_free(void*, int, IDTYPE) {}
char* id_print(void* state, int, IDTYPE id) {
  auto* s = static_cast<IdState*>(state);
  if (id % 2 != 0 || id == 0 || id / 2 > s->names.size()) return nullptr;
  return s->names[id / 2 - 1];
}
void id_close(void* state) { delete static_cast<IdState*>(state); }
void id_register(void*, int, void*) {}

Agiddisc_t kSequentialIds = {id_open, id_map, id_alloc, id_free, id_print, id_close, id_register};
Agdisc_t kDiscipline = {&AgMemDisc, &kSequentialIds, &AgIoDisc};

struct GraphCloser {
  void operator()(Agraph_t* g) const { agclose(g); }
};
using GraphPtr = std::unique_ptr<Agraph_t, GraphCloser>;

// Frees a layout when it goes out of scope, before the graph is closed.
class Layout {
 public:
  Layout(GVC_t* c, Agraph_t* g, const char* engine) : c_(c), g_(g) {
    if (gvLayout(c_, g_, engine) != 0) throw RenderError(std::string("Graphviz could not lay out the diagram with ") + engine);
  }
  ~Layout() { gvFreeLayout(c_, g_); }
  Layout(const Layout&) = delete;
  Layout& operator=(const Layout&) = delete;

 private:
  GVC_t* c_;
  Agraph_t* g_;
};

void set_all(void* obj, const Attributes& attrs) {
  for (const auto& [k, v] : attrs) agsafeset(obj, const_cast<char*>(k.c_str()), const_cast<char*>(v.c_str()), const_cast<char*>(""));
}

// An HTML-like label must be interned with agstrdup_html, or Graphviz treats it as plain text. cgraph
// interns each distinct string once: when the same text is already interned as a plain string (a
// tooltip equal to a label, say), agstrdup_html returns that one, unmarked, and the label's markup
// would be drawn as text (<BR/> on a scenario map's groups). Labels are therefore set before the
// other attributes, and one found interned plain is wrapped in a borderless one-cell table: another
// string that draws the same.
void set_html_label(Agraph_t* root, void* obj, const std::string& label) {
  if (label.empty()) return;
  char* interned = agstrdup_html(root, const_cast<char*>(label.c_str()));
  if (!aghtmlstr(interned)) {
    agstrfree(root, interned);
    const std::string wrapped = "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\"><TR><TD>" + label + "</TD></TR></TABLE>";
    interned = agstrdup_html(root, const_cast<char*>(wrapped.c_str()));
  }
  agsafeset(obj, const_cast<char*>("label"), interned, const_cast<char*>(""));
  agstrfree(root, interned);
}

}  // namespace

Format parse_format(const std::string& name) {
  static const std::map<std::string, Format> kFormats{
      {"svg", Format::svg}, {"png", Format::png}, {"pdf", Format::pdf}, {"dot", Format::dot}, {"json", Format::json}};
  auto it = kFormats.find(name);
  if (it == kFormats.end()) throw UsageError("unknown format \"" + name + "\" (svg, png, pdf, dot or json)");
  return it->second;
}

std::string render(const Diagram& d, Format format, const std::string& layout) {
  if (d.nodes.size() > kMaxLayoutNodes && format != Format::dot && format != Format::json)
    throw UsageError("the diagram has " + std::to_string(d.nodes.size()) + " nodes, more than the " +
                     std::to_string(kMaxLayoutNodes) + " a layout is started on; aggregate it (--max-nodes) or draw a part (--focus)");
  Graphviz& gv = graphviz();
  std::lock_guard<std::mutex> hold(gv.lock);
  GraphPtr g(agopen(const_cast<char*>(d.name.empty() ? "chain" : d.name.c_str()), Agdirected, &kDiscipline));
  if (!g) throw RenderError("Graphviz could not create a graph");
  Agraph_t* root = g.get();
  set_html_label(root, root, d.label);
  set_all(root, d.graph);
  for (const auto& [k, v] : d.node_defaults) agattr(root, AGNODE, const_cast<char*>(k.c_str()), const_cast<char*>(v.c_str()));
  for (const auto& [k, v] : d.edge_defaults) agattr(root, AGEDGE, const_cast<char*>(k.c_str()), const_cast<char*>(v.c_str()));

  std::map<std::string, Agraph_t*> clusters;
  std::map<std::string, Agraph_t*> ranks;
  for (const DiagramCluster& c : d.clusters) {
    Agraph_t* sg = agsubg(root, const_cast<char*>(("cluster_" + c.id).c_str()), 1);
    set_html_label(root, sg, c.label);
    set_all(sg, c.attributes);
    clusters[c.id] = sg;
  }
  std::map<std::string, Agnode_t*> nodes;
  for (const DiagramNode& n : d.nodes) {
    Agraph_t* owner = root;
    if (!n.cluster.empty()) {
      auto c = clusters.find(n.cluster);
      if (c != clusters.end()) owner = c->second;
    }
    if (!n.rank.empty()) {
      auto r = ranks.find(n.rank);
      if (r == ranks.end()) {
        Agraph_t* rank = agsubg(owner, const_cast<char*>(("rank_" + n.rank).c_str()), 1);
        agsafeset(rank, const_cast<char*>("rank"), const_cast<char*>("same"), const_cast<char*>(""));
        r = ranks.emplace(n.rank, rank).first;
      }
      owner = r->second;
    }
    Agnode_t* node = agnode(owner, const_cast<char*>(n.id.c_str()), 1);
    set_html_label(root, node, n.label);
    set_all(node, n.attributes);
    nodes[n.id] = node;
  }
  for (const DiagramEdge& e : d.edges) {
    auto t = nodes.find(e.tail), h = nodes.find(e.head);
    if (t == nodes.end() || h == nodes.end()) throw RenderError("diagram edge between unknown nodes " + e.tail + " -> " + e.head);
    Agedge_t* edge = agedge(root, t->second, h->second, nullptr, 1);
    set_all(edge, e.attributes);
  }

  char* data = nullptr;
  unsigned int length = 0;
  int rc;
  {
    Layout laid_out(gv.context, root, layout.c_str());
    const char* device = format == Format::svg   ? "svg"
                         : format == Format::png ? "png:cairo"
                         : format == Format::pdf ? "pdf:cairo"
                         : format == Format::dot ? "dot"
                                                 : "json";
    rc = gvRenderData(gv.context, root, device, &data, &length);
  }
  if (rc != 0 || !data) {
    if (data) gvFreeRenderData(data);
    throw RenderError("Graphviz could not render the diagram");
  }
  std::string out(data, length);
  gvFreeRenderData(data);
  return out;
}

}  // namespace qchain::visualization
