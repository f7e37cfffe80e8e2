#include "qchain/visualization/fishbone.hpp"

#include <algorithm>
#include <cmath>

#include "qchain/report/labels.hpp"

namespace qchain::visualization {

using namespace qchain::graphs;
using report::Lang;
using report::tr;

namespace {

// Geometry, in points (Graphviz's unit for pos under the nop2 layout), y upwards.
constexpr double kFontSize = 10;       // cause labels
constexpr double kLine = 13;           // their line height
constexpr double kSlant = 0.57735;     // horizontal run per unit of height: bones at 60° to the spine
constexpr double kCauseEm = kWrapEm;   // cause names wrap at about 12 CJK characters
constexpr std::size_t kNameLines = 2;  // and take at most two lines

// A share of the leader's delivered defects as people read it: tiny positive shares are not "0.0%".
std::string share_text(double x) {
  if (!(x > 0)) return "0%";
  if (x < 0.0005) return "<0.1%";
  return qchain::percent(x, 1);
}

std::string pos(double x, double y) { return num(x, 1) + "," + num(y, 1); }

struct Cause {
  std::string code, name;  // code empty for "the other N issues"
  double share = 0;
  std::vector<std::string> lines;  // html, first the code and share, then the name
  double em = 0;                   // widest line
};

struct Bone {
  IssueCategory category{};
  double total = 0;
  std::vector<Cause> causes;
};

}  // namespace

// Drawn with Graphviz at fixed positions (layout nop2): qchain computes every point, Graphviz only
// draws, so the same geometry comes out as SVG, PNG and PDF through one renderer, and the DOT export
// (which carries layout=nop2 and the positions) redraws the same picture in any Graphviz tool.
Diagram fishbone(const ChainGraph& g, const engine::QualityAnalysis& q, std::size_t li, const FishboneOptions& o) {
  const Lang L = o.lang;
  const engine::LeaderQuality& lq = q.leader_quality.at(li);
  const Firm& leader = g.firm(lq.leader);

  // The six bones in 人机料法测环 order, each cause with its share, the largest first; beyond
  // bones_per_rib the rest of a category is one rib "N other issues".
  std::vector<Bone> bones(kCategoryCount);
  for (int c = 0; c < kCategoryCount; ++c) bones[c].category = static_cast<IssueCategory>(c);
  std::vector<std::vector<std::pair<double, std::uint32_t>>> by_cat(kCategoryCount);
  for (std::uint32_t k = 0; k < g.issues().size(); ++k)
    if (k < lq.by_issue.size() && lq.by_issue[k] > 0) by_cat[static_cast<int>(g.issues()[k].category)].emplace_back(-lq.by_issue[k], k);
  for (int c = 0; c < kCategoryCount; ++c) {
    std::sort(by_cat[c].begin(), by_cat[c].end());
    Bone& b = bones[c];
    double rest = 0;
    std::size_t others = 0;
    for (std::size_t i = 0; i < by_cat[c].size(); ++i) {
      const double share = -by_cat[c][i].first;
      b.total += share;
      if (i < o.bones_per_rib || by_cat[c].size() == o.bones_per_rib + 1) {
        const IssueType& t = g.issues()[by_cat[c][i].second];
        b.causes.push_back({t.code, t.name, share, {}, 0});
      } else {
        rest += share, ++others;
      }
    }
    if (others)
      b.causes.push_back({"", L == Lang::zh ? "其他 " + std::to_string(others) + " 项问题" : std::to_string(others) + " other issues", rest, {}, 0});
    for (Cause& x : b.causes) {
      const std::string head = x.code.empty() ? share_text(x.share) : x.code + "  " + share_text(x.share);
      x.lines.push_back(x.code.empty() ? html(head) : "<B>" + html(x.code) + "</B>  " + html(share_text(x.share)));
      x.em = text_em(head) * 1.05;  // bold
      for (const std::string& line : wrap_lines(x.name, kCauseEm, kNameLines)) {
        x.lines.push_back(html(line));
        x.em = std::max(x.em, text_em(line));
      }
    }
  }

  // Sizes shared by every bone, so that the six look alike and nothing collides.
  std::size_t max_lines = 2, max_causes = 1;
  double max_em = 6;
  for (const Bone& b : bones) {
    max_causes = std::max(max_causes, b.causes.size());
    for (const Cause& x : b.causes) max_lines = std::max(max_lines, x.lines.size()), max_em = std::max(max_em, x.em);
  }
  const double block_h = static_cast<double>(max_lines) * kLine + 4;
  const double spacing = block_h + 12;                        // between ribs along a bone
  const double first = spacing + 4;                           // from the spine to the first rib
  const double height = first + (max_causes - 1) * spacing + 14;  // a bone's height above or below the spine
  const double rib = max_em * kFontSize + kSlant * block_h + 16;  // a rib's length
  const double gap = rib + 28;                                // between bones on the same side
  const double head_x = 30;                                   // the head's left edge; the spine meets the bones left of it
  const auto spine_x = [&](int column) { return -40.0 - column * gap; };
  const double tail_x = spine_x(2) - kSlant * height - rib - 20;

  Diagram d;
  d.name = "fishbone";
  d.label = title_label(std::string(tr(L, "鱼骨图：", "Fishbone: ")) + leader.name,
                        tr(L, "链主交付缺陷的来源，按人机料法测环六类质量问题（数字：占链主交付缺陷的份额）",
                           "where the leader's delivered defects come from, by the six classes of quality issue (6M; figures: share of its delivered defects)"));
  d.graph = {{"layout", "nop2"},   {"splines", "line"}, {"outputorder", "edgesfirst"}, {"labelloc", "t"},
             {"fontname", kFont}, {"bgcolor", "white"}, {"pad", "0.2"}};
  d.node_defaults = {{"fontname", kFont}, {"fontsize", num(kFontSize, 0)}, {"shape", "plaintext"}, {"margin", "0"}};
  d.edge_defaults = {{"arrowhead", "none"}, {"color", "#444444"}};
  const auto point = [&](const std::string& id, double x, double y) {
    d.nodes.push_back({id, "", {{"shape", "point"}, {"width", "0.01"}, {"height", "0.01"}, {"style", "invis"}, {"pos", pos(x, y)}}, "", ""});
  };
  const auto text = [&](const std::string& id, const std::string& label, double x, double y, Attributes extra = {}) {
    extra["pos"] = pos(x, y);
    d.nodes.push_back({id, label, std::move(extra), "", ""});
  };

  // The head: the effect, the leader's delivered defects.
  const std::vector<std::string> name_lines = wrap_lines(leader.name, 10, 3);
  double head_em = 0;
  std::vector<std::string> head_rows;
  for (const std::string& l : name_lines) head_rows.push_back("<B><FONT POINT-SIZE=\"12\">" + html(l) + "</FONT></B>"), head_em = std::max(head_em, text_em(l) * 1.25);
  const std::string rate = std::string(tr(L, "交付缺陷率 ", "delivered defects ")) + qchain::percent(1 - lq.delivered_yield, 2);
  const std::string own = std::string(tr(L, "其中自身工序 ", "of which own process ")) + share_text(lq.own_share);
  head_em = std::max({head_em, text_em(rate), text_em(own)});
  const double head_w = head_em * kFontSize + 24;
  head_rows.push_back(html(rate));
  head_rows.push_back("<FONT POINT-SIZE=\"9\">" + html(own) + "</FONT>");
  text("head", stacked(head_rows),
       head_x + head_w / 2, 0,
       {{"shape", "box"}, {"style", "rounded,filled,bold"}, {"fillcolor", "#fde0dd"}, {"color", "#b2182b"}, {"penwidth", "2.5"},
        {"margin", "0.12,0.08"}, {"tooltip", esc(leader.id + " " + leader.name + "\n" + rate + "\n" + own)}});

  // The spine, into the head (its end hidden under the head, drawn over the edges).
  point("spine_tail", tail_x, 0);
  point("spine_head", head_x + head_w / 2, 0);
  d.edges.push_back({"spine_tail", "spine_head", {{"penwidth", "6"}, {"color", "#333333"}}});

  // Six bones: column 0 nearest the head; above and below alternate in 人机料法测环 order from the
  // tail: 人↑ 机↓ 料↑ 法↓ 测↑ 环↓.
  for (int c = 0; c < kCategoryCount; ++c) {
    const Bone& b = bones[c];
    const int column = 2 - c / 2;
    const double side = c % 2 == 0 ? 1.0 : -1.0;
    const double x0 = spine_x(column);
    const auto bone_x = [&](double h) { return x0 - kSlant * h; };
    const std::string id = "bone" + std::to_string(c);
    if (c % 2 == 0) point("spine" + std::to_string(column), x0, 0);
    point(id + "_end", bone_x(height), side * height);
    Attributes line{{"penwidth", num(1.5 + 10 * std::sqrt(b.total), 2)}, {"color", "#444444"}};
    if (b.total <= 0) line = {{"penwidth", "1.2"}, {"color", "#999999"}, {"style", "dashed"}};
    d.edges.push_back({"spine" + std::to_string(column), id + "_end", line});
    // The bone's total at its end.
    const std::string cat = report::category_title(b.category, L);
    const std::string total = share_text(b.total);
    text(id, stacked({"<B>" + html(cat) + "</B>", html(total)}), bone_x(height), side * (height + 20),
         {{"shape", "box"}, {"style", "rounded,filled"}, {"fillcolor", "#eeeeee"}, {"color", "#444444"}, {"margin", "0.1,0.04"},
          {"tooltip", esc(cat + " " + total)}});
    // Its causes, the largest nearest the spine.
    for (std::size_t i = 0; i < b.causes.size(); ++i) {
      const Cause& x = b.causes[i];
      const double h = first + static_cast<double>(i) * spacing, y = side * h;
      const std::string rid = id + "_" + std::to_string(i);
      const double width = 0.8 + 6 * std::sqrt(x.share);
      point(rid + "_l", bone_x(h) - rib, y);
      point(rid + "_r", bone_x(h), y);
      d.edges.push_back({rid + "_l", rid + "_r", {{"penwidth", num(width, 2)}, {"color", "#666666"}}});
      const double lines_h = static_cast<double>(x.lines.size()) * kLine + 4;
      text(rid, stacked(x.lines, "LEFT"), bone_x(h) - rib + 4 + x.em * kFontSize / 2, y + width / 2 + 2 + lines_h / 2,
           {{"tooltip", esc((x.code.empty() ? "" : x.code + " ") + x.name + ": " + share_text(x.share))}});
    }
    if (b.causes.empty()) {
      const double h = first, y = side * h;
      const std::string none = tr(L, "无相关问题记录", "no issue recorded");
      text(id + "_none", html(none), bone_x(h) - 10 - text_em(none) * kFontSize / 2, y + kLine / 2,
           {{"fontcolor", "#595959"}});
    }
  }

  // What no issue explains, apart from the bones, at the tail.
  const std::string rest = std::string(tr(L, "未归因 ", "not attributed ")) + share_text(lq.unexplained);
  const std::string why = tr(L, "没有对应质量问题记录的缺陷", "defects no recorded issue explains");
  const double rest_em = std::max(text_em(rest) * 1.05, std::min(text_em(why), 8.0));
  std::vector<std::string> rest_rows{"<B>" + html(rest) + "</B>"};
  for (const std::string& l : wrap_lines(why, 8)) rest_rows.push_back("<FONT POINT-SIZE=\"9\">" + html(l) + "</FONT>");
  text("unexplained", stacked(rest_rows),
       tail_x - 14 - (rest_em * kFontSize + 16) / 2, 0,
       {{"shape", "box"}, {"style", "rounded,dashed"}, {"color", "#666666"}, {"margin", "0.1,0.06"},
        {"tooltip", esc(rest + "\n" + why)}});

  // How to read it.
  const std::string note = tr(L, "线宽随份额增大；鱼骨末端为该类合计；六类合计与未归因之和为 100%。",
                              "Line width grows with the share; each bone's end gives its class total; the six totals and the unattributed part add up to 100%.");
  text("note", "<FONT POINT-SIZE=\"9\">" + wrapped(note, 60) + "</FONT>", (tail_x + head_x + head_w) / 2, -(height + 56),
       {{"fontcolor", "#444444"}});
  return d;
}

}  // namespace qchain::visualization
