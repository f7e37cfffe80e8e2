// Uses the installed qchain libraries the way another project would: loads a chain, runs the
// quality analysis, prints the leaders' delivered yields as a table, and draws a small diagram
// through Graphviz (so that the dependencies of the static libraries are proven linked).
#include <iostream>

#include "qchain/core/error.hpp"
#include "qchain/core/number_format.hpp"
#include "qchain/core/version.hpp"
#include "qchain/engine/quality/quality_analysis.hpp"
#include "qchain/graphs/chain_loader.hpp"
#include "qchain/graphs/strong_components.hpp"
#include "qchain/report/text_table.hpp"
#include "qchain/visualization/graphviz_renderer.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: qchain_consumer CHAIN\n";
    return 2;
  }
  try {
    const qchain::graphs::ChainGraph g = qchain::graphs::require_chain(qchain::graphs::load_chain(argv[1]));
    const qchain::engine::QualityAnalysis q = qchain::engine::analyze_quality(g, qchain::graphs::strong_components(g));
    std::cout << "qchain " << QCHAIN_VERSION << '\n';
    qchain::report::TextTable t;
    t.add_column("leader");
    t.add_column("delivered_yield", qchain::report::TextTable::Align::right);
    for (const qchain::engine::LeaderQuality& l : q.leader_quality)
      t.add_row({g.firm(l.leader).id, qchain::fixed(l.delivered_yield, 12)});
    std::cout << t.render();

    qchain::visualization::Diagram d;
    d.nodes.push_back({"a", "a", {}, "", ""});
    d.nodes.push_back({"b", "b", {}, "", ""});
    d.edges.push_back({"a", "b", {}});
    const std::string svg = qchain::visualization::render(d, qchain::visualization::Format::svg);
    std::cout << (svg.find("<svg") != std::string::npos ? "svg: drawn" : "svg: missing") << '\n';
  } catch (const qchain::Error& e) {
    std::cerr << e.what() << '\n';
    return 1;
  }
  return 0;
}
