#pragma once
// The countermeasure ecosystem map (对策措施生态图), drawn by the Zhejiang programme beside the
// fishbone and the chain anatomy: the quality issues grouped by 6M class → the joint tackling projects
// and the ledger's assistance measures aimed at them → the providers carrying them out → the firms
// they reach. Issues are sized by the firms concerned, measures and projects coloured by status; a
// large ledger is aggregated (measures per issue and status, the smaller providers per kind, the firms
// per segment), so the map stays readable at any size.
#include <cstddef>
#include <string>
#include <vector>

#include "qchain/graphs/chain.hpp"
#include "qchain/report/lang.hpp"
#include "qchain/visualization/diagram.hpp"
#include "qchain/workspace/ledger.hpp"
#include "qchain/workspace/project.hpp"

namespace qchain::visualization {

struct EcosystemInput {
  std::vector<workspace::LedgerEntry> ledger;
  std::vector<workspace::Project> projects;
};

struct EcosystemMapOptions {
  report::Lang lang = report::Lang::zh;
  std::size_t max_providers = 16;  // the rest are drawn as one node per kind
  std::size_t max_firms = 30;      // more firms reached are drawn as one node per segment
  std::size_t unaddressed = 5;     // the issues concerning most firms with no measure yet, drawn dashed
};

// Firms, issue codes and providers the chain does not know are drawn under "other" rather than
// dropped: a ledger outlives the snapshot it was written against.
Diagram ecosystem_map(const graphs::ChainGraph& g, const EcosystemInput& in, const EcosystemMapOptions& o);

}  // namespace qchain::visualization
