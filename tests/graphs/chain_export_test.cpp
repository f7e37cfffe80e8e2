#include <sys/wait.h>

#include <fstream>

#include "../support/test_support.hpp"
#include "qchain/graphs/chain_export.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;

int run(const std::string& cmd) {
  const int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(ChainExport, JsonLoadsBackAsTheSameChainForEveryPilot) {
  for (const std::string& path : test::pilot_files()) {
    SCOPED_TRACE(path);
    const ChainGraph g = require_chain(load_chain(path));
    EXPECT_TRUE(test::same_chain(g, test::load_text(chain_to_json(g))));
  }
}

TEST(ChainExport, GraphmlAndGexfReadBackWithNetworkx) {
  const ChainGraph g = require_chain(load_chain(test::source_path("data/pilots/huangpu-smart-equipment.json")));
  test::TempDir dir;
  std::ofstream(dir.file("c.graphml")) << chain_to_graphml(g);
  std::ofstream(dir.file("c.gexf")) << chain_to_gexf(g);
  const std::string check =
      std::string(QCHAIN_PYTHON) + " -c \"import sys, networkx as nx\n"
      "a = nx.read_graphml(sys.argv[1]); b = nx.read_gexf(sys.argv[2])\n"
      "names = {d['id']: d['name'] for _, d in a.nodes(data=True)}\n"
      "sys.exit(0 if (len(a), a.number_of_edges(), len(b), b.number_of_edges()) == (" +
      std::to_string(g.firm_count()) + ", " + std::to_string(g.link_count()) + ", " + std::to_string(g.firm_count()) + ", " +
      std::to_string(g.link_count()) + ") and names['" + g.firm(0).id + "'] == '" + g.firm(0).name +
      "' and b.nodes['" + g.firm(0).id + "']['label'] == '" + g.firm(0).name + "' else 1)\" " + dir.file("c.graphml") + " " +
      dir.file("c.gexf");
  if (run(std::string(QCHAIN_PYTHON) + " -c 'import networkx' 2>/dev/null") != 0) GTEST_SKIP() << "networkx is not installed";
  EXPECT_EQ(run(check), 0);
}

TEST(ChainExport, DotParsesWithGraphvizEvenWithHostileNames) {
  const ChainGraph g = test::load_text(R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "C \"q\""},
    "firms": [{"id": "A\"; x", "name": "甲 \\ \"引\" {a|b}", "role": "micro"}, {"id": "L", "name": "l", "role": "chain_leader"}],
    "links": [{"supplier": "A\"; x", "customer": "L"}]})");
  test::TempDir dir;
  std::ofstream(dir.file("c.dot")) << chain_to_dot(g);
  EXPECT_EQ(run("dot -Tcanon " + dir.file("c.dot") + " -o " + dir.file("out.dot")), 0);
  std::ifstream in(dir.file("out.dot"));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("\"A\\\"; x\""), std::string::npos);  // the id survived as one node name
}

// The escaper of the XML exports and of the HTML pages: element text and attribute values alike.
TEST(ChainExport, XmlEscape) {
  EXPECT_EQ(xml_escape("a & b <c> \"d\" 'e'"), "a &amp; b &lt;c&gt; &quot;d&quot; 'e'");
  EXPECT_EQ(xml_escape(std::string("tab\tnew\nline\x01\x1F|")), "tab\tnew\nline|");  // XML 1.0 allows no other control character
  EXPECT_EQ(xml_escape("甲乙"), "甲乙");
  EXPECT_EQ(xml_escape("&lt;"), "&amp;lt;");  // text, never markup
}

// Names with markup and quotes come out of GEXF and DOT as one value each.
TEST(ChainExport, HostileNamesStayOneValueInGexfAndDot) {
  const ChainGraph g = test::load_text(R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "链 <&>"},
    "segments": [{"id": "s\"1", "name": "s", "order": 0}],
    "firms": [{"id": "A<1>", "name": "甲 \"引\" \\ <b>&amp;", "role": "micro", "segment": "s\"1"},
              {"id": "L", "name": "l", "role": "chain_leader"}],
    "links": [{"supplier": "A<1>", "customer": "L", "input": "x\"y"}]})");
  const std::string gexf = chain_to_gexf(g);
  EXPECT_NE(gexf.find("<description>链 &lt;&amp;&gt;</description>"), std::string::npos);
  EXPECT_NE(gexf.find("<node id=\"A&lt;1&gt;\" label=\"甲 &quot;引&quot; \\ &lt;b&gt;&amp;amp;\">"), std::string::npos) << gexf;
  EXPECT_NE(gexf.find("source=\"A&lt;1&gt;\" target=\"L\""), std::string::npos);
  EXPECT_NE(gexf.find("value=\"x&quot;y\""), std::string::npos);
  const std::string dot = chain_to_dot(g);
  EXPECT_NE(dot.find("graph [label=\"链 <&>\", rankdir=LR];"), std::string::npos) << dot;
  EXPECT_NE(dot.find("\"A<1>\" [label=\"甲 \\\"引\\\" \\\\ <b>&amp;\", role=micro, segment=\"s\\\"1\"];"), std::string::npos) << dot;
  EXPECT_NE(dot.find("\"A<1>\" -> \"L\" [input=\"x\\\"y\"];"), std::string::npos);
}

}  // namespace
