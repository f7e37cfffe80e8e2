// qchain-generate --network national: the figures docs/generator.md promises, measured on the
// generated network with algorithms of the test's own (Kosaraju for the core, Hill for the tails).
#include <sys/wait.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <numeric>

#include "../support/test_support.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;

std::string run_generate(const test::TempDir& dir, const std::string& name, const std::string& args) {
  const std::string out = dir.file(name);
  const std::string cmd = std::string(QCHAIN_GENERATE) + " " + args + " -o " + out;
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
  return out;
}

// Strongly connected components (Kosaraju, iterative): the component of every firm.
std::vector<std::uint32_t> components(const SupplyNetwork& n, std::uint32_t count) {
  std::vector<std::uint32_t> order, stack;
  std::vector<std::uint8_t> seen(count, 0);
  std::vector<std::uint32_t> next(count, 0);
  for (std::uint32_t s = 0; s < count; ++s) {
    if (seen[s]) continue;
    seen[s] = 1;
    stack.push_back(s);
    while (!stack.empty()) {
      const std::uint32_t v = stack.back();
      const std::uint32_t at = n.out_begin[v] + next[v];
      if (at < n.out_begin[v + 1]) {
        ++next[v];
        const std::uint32_t w = n.out_customer[at];
        if (!seen[w]) {
          seen[w] = 1;
          stack.push_back(w);
        }
      } else {
        order.push_back(v);
        stack.pop_back();
      }
    }
  }
  std::vector<std::uint32_t> comp(count, UINT32_MAX);
  std::uint32_t label = 0;
  for (auto it = order.rbegin(); it != order.rend(); ++it, ++label) {
    if (comp[*it] != UINT32_MAX) {
      --label;
      continue;
    }
    comp[*it] = label;
    stack.push_back(*it);
    while (!stack.empty()) {
      const std::uint32_t v = stack.back();
      stack.pop_back();
      for (std::uint32_t k = n.in_begin[v]; k < n.in_begin[v + 1]; ++k)
        if (comp[n.in_supplier[k]] == UINT32_MAX) {
          comp[n.in_supplier[k]] = label;
          stack.push_back(n.in_supplier[k]);
        }
    }
  }
  return comp;
}

// Firms reachable from `from` along links (forward) or against them.
std::vector<std::uint8_t> reach(const SupplyNetwork& n, std::uint32_t count, const std::vector<std::uint32_t>& from,
                                bool forward) {
  std::vector<std::uint8_t> seen(count, 0);
  std::vector<std::uint32_t> stack(from);
  for (std::uint32_t v : from) seen[v] = 1;
  while (!stack.empty()) {
    const std::uint32_t v = stack.back();
    stack.pop_back();
    const auto& begin = forward ? n.out_begin : n.in_begin;
    const auto& ends = forward ? n.out_customer : n.in_supplier;
    for (std::uint32_t k = begin[v]; k < begin[v + 1]; ++k)
      if (!seen[ends[k]]) {
        seen[ends[k]] = 1;
        stack.push_back(ends[k]);
      }
  }
  return seen;
}

// Hill's estimate of the tail exponent α of P(K > k) ~ k^-α from the `top` largest degrees.
double hill(std::vector<std::uint32_t> degrees, std::size_t top) {
  std::sort(degrees.rbegin(), degrees.rend());
  double sum = 0;
  for (std::size_t i = 0; i < top; ++i) sum += std::log(double(degrees[i]) / degrees[top]);
  return top / sum;
}

double sole_sourced_share(const SupplyNetwork& n) {
  std::size_t single = 0, inputs = n.group_begin.size() - 1;
  for (std::size_t g = 0; g < inputs; ++g) single += n.group_begin[g + 1] - n.group_begin[g] == 1;
  return double(single) / inputs;
}

class National : public ::testing::Test {
 protected:
  static constexpr std::uint32_t kFirms = 40000;
  static void SetUpTestSuite() {
    dir_ = new test::TempDir;
    path_ = new std::string(run_generate(*dir_, "national.json", "--network national --firms 40000 --seed 5"));
    load_ = new ChainLoad(load_chain(*path_));
  }
  static void TearDownTestSuite() {
    delete load_;
    delete path_;
    delete dir_;
  }
  static const ChainGraph& chain() { return *load_->chain; }
  static test::TempDir* dir_;
  static std::string* path_;
  static ChainLoad* load_;
};
test::TempDir* National::dir_ = nullptr;
std::string* National::path_ = nullptr;
ChainLoad* National::load_ = nullptr;

TEST_F(National, IsAValidChainThatQchainChecks) {
  ASSERT_EQ(load_->errors, 0u) << (load_->diagnostics.empty() ? "" : format_diagnostic(load_->diagnostics[0]));
  EXPECT_EQ(chain().firm_count(), kFirms);
  EXPECT_EQ(chain().leaders().size(), 5u);
  EXPECT_EQ(chain().segments().size(), 20u);
  // Exit 1 is "valid, with warnings": expired certificates and certification gaps, as the chain
  // mode makes them too; 2 would be an invalid chain.
  const std::string cmd = std::string(QCHAIN_BINARY) + " --lang en check " + *path_ + " > " + dir_->file("check.txt") + " 2>&1";
  const int status = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_LE(WEXITSTATUS(status), 1) << test::read(dir_->file("check.txt"));
  EXPECT_EQ(test::read(dir_->file("check.txt")).find("error"), std::string::npos);
}

// Japan: 5M links on 1M firms; Hungary: 4.54 per firm. Band: 4.5–5.5.
TEST_F(National, HasAboutFiveLinksPerFirm) {
  const double per_firm = double(chain().link_count()) / kFirms;
  EXPECT_GE(per_firm, 4.5);
  EXPECT_LE(per_firm, 5.5);
}

// Both degree distributions heavy-tailed: hubs with a hundred times the mean, and a Hill
// exponent (top 1 % of firms) in the band of the national networks' 1.0–1.6.
TEST_F(National, DegreesAreHeavyTailed) {
  const SupplyNetwork& n = chain().network();
  std::vector<std::uint32_t> in(kFirms), out(kFirms);
  for (std::uint32_t v = 0; v < kFirms; ++v) {
    in[v] = n.in_begin[v + 1] - n.in_begin[v];
    out[v] = n.out_begin[v + 1] - n.out_begin[v];
  }
  const double mean = double(chain().link_count()) / kFirms;
  EXPECT_GT(*std::max_element(in.begin(), in.end()), 100 * mean);
  EXPECT_GT(*std::max_element(out.begin(), out.end()), 100 * mean);
  const double a_in = hill(in, kFirms / 100), a_out = hill(out, kFirms / 100);
  EXPECT_GE(a_in, 0.9) << a_in;
  EXPECT_LE(a_in, 1.8) << a_in;
  EXPECT_GE(a_out, 0.9) << a_out;
  EXPECT_LE(a_out, 1.8) << a_out;
}

// Hungary's core holds 26 % of firms (band 24–28 %); the walnut's two half-shells are there:
// firms that reach the core without being reached (IN) and firms reached without reaching (OUT).
TEST_F(National, HasAGiantCoreWithUpstreamAndDownstreamShells) {
  const SupplyNetwork& n = chain().network();
  const std::vector<std::uint32_t> comp = components(n, kFirms);
  std::vector<std::uint32_t> size(*std::max_element(comp.begin(), comp.end()) + 1, 0);
  for (std::uint32_t c : comp) ++size[c];
  const std::uint32_t giant = static_cast<std::uint32_t>(std::max_element(size.begin(), size.end()) - size.begin());
  const double share = double(size[giant]) / kFirms;
  EXPECT_GE(share, 0.24);
  EXPECT_LE(share, 0.28);
  std::vector<std::uint32_t> core;
  for (std::uint32_t v = 0; v < kFirms; ++v)
    if (comp[v] == giant) core.push_back(v);
  const auto downstream = reach(n, kFirms, core, true), upstream = reach(n, kFirms, core, false);
  std::size_t in = 0, out = 0;
  for (std::uint32_t v = 0; v < kFirms; ++v) {
    in += upstream[v] && !downstream[v];
    out += downstream[v] && !upstream[v];
  }
  EXPECT_GE(double(in) / kFirms, 0.2);
  EXPECT_GE(double(out) / kFirms, 0.2);
}

// Communities by region and sector: most links stay in one province (at random 8 % would, with
// the firms spread as they are), and far more than at random join the same or the next sector.
TEST_F(National, LinksKeepToRegionsAndNeighbouringSectors) {
  const ChainGraph& g = chain();
  const SupplyNetwork& n = g.network();
  std::vector<double> region_share(g.regions().size(), 0);
  for (const Firm& f : g.firms()) region_share[f.region] += 1.0 / kFirms;
  double at_random = 0;
  for (double s : region_share) at_random += s * s;
  std::size_t same_region = 0, near_sector = 0;
  for (std::uint32_t v = 0; v < kFirms; ++v)
    for (std::uint32_t k = n.out_begin[v]; k < n.out_begin[v + 1]; ++k) {
      const Firm& a = g.firm(v);
      const Firm& b = g.firm(n.out_customer[k]);
      same_region += a.region == b.region;
      near_sector += b.segment == a.segment || b.segment == a.segment + 1;
    }
  const double links = double(g.link_count());
  EXPECT_LT(at_random, 0.15);
  EXPECT_GT(same_region / links, 0.6);
  EXPECT_GT(near_sector / links, 0.35);  // at random 2/20
}

// The share of single-source inputs is the one asked for (default 0.55), within 0.02.
TEST_F(National, SoleSourcedInputsMatchTheirShare) {
  EXPECT_NEAR(sole_sourced_share(chain().network()), 0.55, 0.02);
  test::TempDir dir;
  const ChainGraph other = require_chain(load_chain(run_generate(dir, "s.json", "--network national --firms 20000 --seed 2 --sole-sourced 0.7")));
  EXPECT_NEAR(sole_sourced_share(other.network()), 0.7, 0.02);
}

TEST(NationalGenerate, SameSeedSameBytesOtherSeedOtherNetwork) {
  test::TempDir dir;
  const std::string a = test::read(run_generate(dir, "a.json", "--network national --firms 3000 --seed 9"));
  EXPECT_EQ(a, test::read(run_generate(dir, "b.json", "--network national --firms 3000 --seed 9")));
  EXPECT_NE(a, test::read(run_generate(dir, "c.json", "--network national --firms 3000 --seed 10")));
  EXPECT_NE(std::system((std::string(QCHAIN_GENERATE) + " --network national --firms 3000 --segments 4 -o " +
                         dir.file("x.json") + " 2>/dev/null").c_str()), 0);
}

// The chain mode takes the share too; without it its output is what it always was.
TEST(NationalGenerate, ChainModeTakesASoleSourcedShare) {
  test::TempDir dir;
  const ChainGraph g = require_chain(load_chain(run_generate(dir, "c.json", "--firms 20000 --seed 4 --sole-sourced 0.8")));
  EXPECT_NEAR(sole_sourced_share(g.network()), 0.8, 0.02);
  const std::string plain = test::read(run_generate(dir, "p.json", "--firms 2000 --seed 4"));
  EXPECT_EQ(plain, test::read(run_generate(dir, "n.json", "--firms 2000 --seed 4 --network chain")));
}

}  // namespace
