// qchain: maps industry supply chains and finds where their quality breaks.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <clocale>
#include <exception>
#include <iostream>
#include <memory>
#include <string_view>
#include <utility>

#include "commands.hpp"
#include "qchain/report/messages.hpp"
#include "qchain/core/error.hpp"
#include "qchain/core/version.hpp"
#include "qchain/visualization/diagram.hpp"

namespace {

using qchain::report::Lang;
using qchain::report::localise_message;
using qchain::report::tr;

// The language is needed before the parser is built, for its help texts: `--lang en` or
// `--lang=en` anywhere before a lone `--`, the last one winning (the parser still checks it).
Lang prescan_lang(int argc, char** argv) {
  Lang lang = Lang::zh;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--") break;
    std::string_view value;
    if (a == "--lang" && i + 1 < argc) value = argv[i + 1];
    else if (a.substr(0, 7) == "--lang=") value = a.substr(7);
    if (value == "en") lang = Lang::en;
    else if (value == "zh") lang = Lang::zh;  // another value is the parser's to reject
  }
  return lang;
}

// CLI11's help in Chinese: its labels (Usage, OPTIONS, REQUIRED, TEXT, ...) and the type names of
// options, "UINT:UINT in [1 - 10000000]" becoming "整数:[1 - 10000000]". Section headings are the
// option group and subcommand group names, set where the parser is built.
class ChineseFormatter : public CLI::Formatter {
 public:
  ChineseFormatter() {
    const std::pair<const char*, const char*> labels[] = {
        {"Usage", "用法"},        {"OPTIONS", "选项"},      {"SUBCOMMAND", "子命令"}, {"SUBCOMMANDS", "子命令"},
        {"Positionals", "位置参数"}, {"REQUIRED", "必填"},     {"Excludes", "互斥"}, {"Needs", "需要"},
        {"Env", "环境变量"},      {"TEXT", "文本"},         {"UINT", "整数"},         {"INT", "整数"},
        {"FLOAT", "数值"},        {"BOOLEAN", "布尔值"}};
    for (const auto& [en, zh] : labels) label(en, zh);
  }
  std::string make_option_opts(const CLI::Option* opt) const override {
    if (!opt->get_option_text().empty() || opt->get_type_size() == 0) return CLI::Formatter::make_option_opts(opt);
    // As CLI::Formatter::make_option_opts, with the type name localised.
    std::string type = opt->get_type_name(), out;
    if (!type.empty()) {
      const std::size_t colon = type.find(':');
      const std::string base = type.substr(0, colon);
      std::string rest = colon == std::string::npos ? "" : type.substr(colon + 1);
      // A range check names its own type word: "UINT:INT in [1 - 100]".
      const std::size_t in = rest.find(" in [");
      if (in != std::string::npos && in > 0 &&
          std::all_of(rest.begin(), rest.begin() + static_cast<std::ptrdiff_t>(in), [](char c) { return c >= 'A' && c <= 'Z'; }))
        rest = rest.substr(in + 4);
      out += " " + get_label(base) + (colon == std::string::npos ? "" : ":" + rest);
    }
    if (!opt->get_default_str().empty()) out += "=" + opt->get_default_str();
    if (opt->get_expected_max() == CLI::detail::expected_max_vector_size) out += " ...";
    else if (opt->get_expected_min() > 1) out += " x " + std::to_string(opt->get_expected());
    if (opt->get_required()) out += " " + get_label("REQUIRED");
    if (!opt->get_excludes().empty()) {
      out += " " + get_label("Excludes") + ":";
      for (const CLI::Option* o : opt->get_excludes()) out += " " + o->get_name();
    }
    if (!opt->get_needs().empty()) {
      out += " " + get_label("Needs") + ":";
      for (const CLI::Option* o : opt->get_needs()) out += " " + o->get_name();
    }
    return out;
  }
  // As CLI::detail::format_help, with columns counted in display width (a Chinese character is two).
  std::string make_option(const CLI::Option* opt, bool is_positional) const override {
    std::string name = "  " + make_option_name(opt, is_positional) + make_option_opts(opt);
    const std::string desc = make_option_desc(opt);
    const std::size_t width = qchain::display_width(name);
    const std::string pad(column_width_, ' ');
    if (!desc.empty()) {
      if (width >= column_width_) name += "\n" + pad;
      else name += std::string(column_width_ - width, ' ');
      for (const char c : desc) {
        name += c;
        if (c == '\n') name += pad;
      }
    }
    return name + "\n";
  }
};

// CLI11's own parse errors ("--budget is required"), through the catalogue; one it does not know
// keeps CLI11's English behind a Chinese lead-in.
std::string parse_failure(Lang lang, const CLI::Error& e) {
  const qchain::report::LocalisedMessage m = qchain::report::localise(e.what(), lang);
  std::string out = lang == Lang::zh && !m.matched ? std::string("参数错误：") + e.what() : m.text;
  return out + "\n" + localise_message("Run with --help for more information.", lang) + "\n";
}

}  // namespace

int qchain::cli::run_command_line(int argc, char** argv, const Common& preset) {
  using namespace qchain::cli;
  std::setlocale(LC_ALL, "C");  // numbers in every output are locale-independent
  const Lang ui = prescan_lang(argc, argv);
  // Every description below is given in both languages; tr picks the one of `ui`.
  const auto t = [ui](const char* zh, const char* en) { return std::string(tr(ui, zh, en)); };

  CLI::App app{t("qchain — 绘制产业链图谱，找出质量薄弱环节", "qchain — maps industry supply chains and finds where their quality breaks"),
               "qchain"};
  if (ui == Lang::zh) app.formatter(std::make_shared<ChineseFormatter>());
  app.failure_message([ui](const CLI::App*, const CLI::Error& e) { return parse_failure(ui, e); });
  app.footer(t("退出码：0 正常，1 正常但有警告（check），2 输入或参数无效，3 读写失败，4 内部错误。",
               "Exit codes: 0 ok, 1 ok with warnings (check), 2 invalid input or arguments, 3 I/O failure, 4 internal error."));
  // Section headings: options and subcommands inherit their group names from here.
  app.option_defaults()->group(t("选项", "Options"));
  app.group(t("子命令", "Subcommands"));
  app.set_help_flag("-h,--help", t("显示帮助并退出", "Print this help message and exit"));
  app.set_version_flag("--version", std::string("qchain ") + QCHAIN_VERSION, t("显示版本并退出", "Display program version information and exit"));
  app.require_subcommand(0, 1);
  Common common = preset;
  std::string lang = "zh";
  app.add_option("--lang", lang, t("表格、图和报告以及提示信息的语言（zh 中文，en 英文；写在命令之前）",
                                   "language of tables, diagrams, reports and messages (before the command)"))
      ->check(CLI::IsMember({"zh", "en"}))
      ->capture_default_str();
  app.add_option("--encoding", common.encoding,
                 t("CSV 输入文件的编码，如 GB18030、GBK、UTF-16LE（默认自动识别：带或不带 BOM 的 UTF-8、带 BOM 的 UTF-16，否则按 GB18030 读取并给出警告；写在命令之前）",
                   "encoding of CSV input files, e.g. GB18030, GBK, UTF-16LE (default: detected: UTF-8 with or without BOM, UTF-16 by its BOM, else GB18030 with a warning; before the command)"));

  // A subcommand with its help flag in the localised option group (CLI11 copies the parent's help
  // flag before it copies the option defaults).
  const auto add_subcommand = [&](const char* name, const std::string& description) {
    CLI::App* sub = app.add_subcommand(name, description);
    sub->set_help_flag("-h,--help", t("显示帮助并退出", "Print this help message and exit"));
    return sub;
  };
  const std::string chain_path = t("产业链文件（JSON、.xlsx 调查表或 qchain pack 写出的 .qcsr 二进制快照）、CSV 文件夹，或工作区中的快照（FILE#CHAIN_ID，FILE#CHAIN_ID@YYYY-MM-DD）",
                                   "chain file (JSON, .xlsx survey workbook or a .qcsr binary snapshot from qchain pack), CSV folder, or a workspace snapshot (FILE#CHAIN_ID, FILE#CHAIN_ID@YYYY-MM-DD)");
  const std::string json_file = t("同时把结果以 JSON 写入 FILE（'-' 表示只写到标准输出）", "also write JSON to FILE ('-' = standard output only)");
  const std::string xlsx_file = t("同时把输出的每张表格写入 Excel 工作簿 FILE（.xlsx，每张表一个工作表）",
                                  "also write every table to the workbook FILE (.xlsx, one sheet per table)");
  const std::string top_rows = t("排名列表的行数", "rows in ranked lists");
  const std::string threads = t("线程数（0 = 全部核心）", "threads (0 = all cores)");

  std::string path, json_out, xlsx_out;
  auto* check = add_subcommand("check", t("校验产业链（JSON 文件或 CSV 文件夹），列出全部问题",
                                              "validate a chain (JSON file or CSV folder) and list every problem"));
  check->add_option("PATH", path, t("产业链文件（qchain-chain/1 JSON）或 CSV 文件夹", "chain file (qchain-chain/1 JSON) or CSV folder"))->required();

  auto* summary = add_subcommand("summary", t("企业、供应关系、链主、认证覆盖率、一次合格率和质量问题概况",
                                                  "firms, links, leaders, certification coverage, yields and issues"));
  summary->add_option("PATH", path, chain_path)->required();
  summary->add_option("--json", json_out, t("同时把概况以 JSON 写入 FILE（'-' 表示只写到标准输出）",
                                            "also write the summary as JSON to FILE ('-' = standard output only)"));
  summary->add_option("--xlsx", xlsx_out, xlsx_file);

  AnalyzeArgs an;
  auto* analyze = add_subcommand(
      "analyze", t("结构（层级、供应基础、关键供应商、割点企业、中介企业）、认证缺口、质量（交付合格率、缺陷来源、短板环节、共性质量问题、风险指数）和质量瓶颈",
                   "structure (tiers, supply bases, critical suppliers, cut firms, brokers), certification gaps, quality (delivered yields, defect origins, weak segment, shared issues, risk index) and bottlenecks"));
  analyze->add_option("PATH", an.path, chain_path)->required();
  analyze->add_option("--json", an.json_out, t("同时把分析结果以 JSON 写入 FILE（'-' 表示只写到标准输出）",
                                               "also write the analysis as JSON to FILE ('-' = standard output only)"));
  analyze->add_option("--xlsx", an.xlsx_out, xlsx_file);
  analyze->add_option("--only", an.only, t("只运行其中一部分（gaps：认证缺口清单）", "run one section only (gaps: the certification-gap list)"))
      ->check(CLI::IsMember({"structure", "gaps", "quality", "systemic"}));
  analyze->add_option("--samples", an.samples, t("中介度：企业超过 50,000 家时抽样的源企业数", "betweenness: source firms sampled above 50,000 firms"))
      ->capture_default_str()
      ->check(CLI::Range(1u, 1000000u));
  analyze->add_option("--seed", an.seed, t("中介度抽样的随机种子", "seed of the betweenness sample"))->capture_default_str();
  analyze->add_option("--threads", an.threads, threads)->capture_default_str();
  analyze->add_flag("--no-brokers", an.no_brokers, t("跳过中介度计算（最耗时的一步）", "skip betweenness, the costliest step"));
  analyze->add_option("--systemic", an.systemic, t("系统性风险指数：auto（不超过 200,000 家企业时计算）、on、off",
                                                   "systemic index: auto (up to 200,000 firms), on, off"))
      ->check(CLI::IsMember({"auto", "on", "off"}))
      ->capture_default_str();
  analyze->add_option("--systemic-top", an.systemic_top,
                      t("只求系统性风险指数最高的 K 家企业（结果与全量计算的前 K 名完全相同；用上界跳过不可能进入前 K 的企业）",
                        "only the K firms of highest systemic index (exactly the full computation's top K; an upper bound skips "
                        "firms that cannot enter it)"))
      ->check(CLI::PositiveNumber);
  analyze->add_flag("--all", an.all, t("系统性风险排名列出全部企业（默认只列前 --top 家）", "every firm in the systemic ranking (default: the top --top)"));
  analyze->add_option("--weights", an.weights, t("系统性风险指数的企业权重 ω（automatic：每家企业都有营业收入时用营业收入，否则用产出）",
                                                 "systemic index: firms' weights ω (automatic: revenue when every firm has one, else output)"))
      ->check(CLI::IsMember({"automatic", "revenue", "output", "uniform"}))
      ->capture_default_str();
  analyze->add_option("--top", an.top, top_rows)->capture_default_str()->check(CLI::Range(1, 1000000));

  WhatIfArgs wi;
  auto* whatif = add_subcommand("whatif", t("运行情景推演（qchain-scenario/1），经质量和生产两条渠道传导",
                                                "run what-if scenarios (qchain-scenario/1) through the quality and production channels"));
  whatif->add_option("PATH", wi.path, chain_path)->required();
  whatif->add_option("SCENARIO", wi.scenarios, t("情景文件", "scenario files"))->required();
  whatif->add_option("--json", wi.json_out, json_file);
  whatif->add_option("--xlsx", wi.xlsx_out, xlsx_file);
  whatif->add_option("--top", wi.top, top_rows)->capture_default_str();

  RiskArgs ri;
  auto* risk = add_subcommand("risk", t("蒙特卡洛模拟（每次模拟代表一年）：企业按角色随机停产；链主企业的产出损失，以及按预期可归因损失排序的企业",
                                            "Monte Carlo, one run per year: firms stop at random by role; the leaders' output loss and the firms ranked by expected attributable loss"));
  risk->add_option("PATH", ri.path, chain_path)->required();
  risk->add_option("--runs", ri.runs, t("模拟次数", "simulations"))->capture_default_str()->check(CLI::Range(1u, 100000000u));
  risk->add_option("--seed", ri.seed, t("随机种子", "random seed"))->capture_default_str();
  risk->add_option("--stop-prob", ri.stop_prob,
                   t("各角色的年停产概率，例如 micro=0.05,small=0.03（默认值为示意，无公开出处：chain_leader 0、large 0.01、medium 0.02、small 0.03、micro 0.05）",
                     "stop probability per role and year, e.g. micro=0.05,small=0.03 (defaults, illustrative and from no published source: chain_leader 0, large 0.01, medium 0.02, small 0.03, micro 0.05)"));
  risk->add_option("--threads", ri.threads, threads)->capture_default_str();
  risk->add_flag("--upstream", ri.upstream, t("也计入因需求减少而向上游传导的损失", "count losses passed upstream by lost demand too"));
  risk->add_option("--json", ri.json_out, json_file);
  risk->add_option("--xlsx", ri.xlsx_out, xlsx_file);
  risk->add_option("--top", ri.top, t("每个列表的行数（链主、原因企业）", "rows in every list (leaders, causes)"))->capture_default_str();

  PlanArgs pl;
  auto* plan = add_subcommand("plan", t("在预算内选择帮扶哪些企业（帮扶台账）", "choose which firms to assist under a budget (assistance ledger 帮扶台账)"));
  plan->add_option("PATH", pl.path, chain_path)->required();
  plan->add_option("--budget", pl.budget, t("预算：帮扶的企业数（给出 --budget、--budget-money 或两者）", "firms to assist (give --budget, --budget-money or both)"))
      ->check(CLI::Range(1u, 10000000u));
  plan->add_option("--budget-money", pl.budget_money, t("资金预算（万元）；与 --budget 同时给出时两者都约束", "money to spend, in 10k CNY (万元); with --budget both bind"))
      ->check(CLI::Range(0.0, 1e12));
  plan->add_option("--cost", pl.cost, t("按角色的单家帮扶费用（万元），例如 micro=0.5,small=1.2（其余角色用 --cost-default）",
                                        "cost of assisting a firm per role, in 10k CNY, e.g. micro=0.5,small=1.2 (other roles: --cost-default)"));
  plan->add_option("--cost-default", pl.cost_default, t("--cost 未列出的角色的单家帮扶费用（万元；为 1 时 --budget-money 即企业数）",
                                                        "cost of assisting a firm whose role --cost does not name, in 10k CNY (1: --budget-money counts firms)"))
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  plan->add_option("--goal", pl.goal, t("目标：leaders（链主交付合格率）、grades（按分级规则升级的企业）、gaps（补上的认证缺口），或加权组合如 leaders=0.5,gaps=0.5（各目标按其最大值归一）",
                                        "leaders (the leaders' delivered yield), grades (firms promoted by the rubric), gaps (certification gaps closed), or a mix such as leaders=0.5,gaps=0.5 (each goal normalised by its maximum)"))
      ->capture_default_str();
  plan->add_option("--rubric", pl.rubric, t("与 --goal grades 同用：分级规则文件（默认：内置规则）", "with --goal grades: the rubric file (default: built in)"));
  plan->add_option("--candidates", pl.candidates, t("可帮扶的企业角色", "roles that may be assisted"))->capture_default_str();
  auto* gain = plan->add_option("--gain", pl.gain, t("每家受帮扶企业一次合格率的提升", "first-pass yield gained by each assisted firm"))
                   ->capture_default_str()
                   ->check(CLI::Range(0.0, 1.0));
  plan->add_flag("--fix-issues", pl.fix_issues, t("改为假定受帮扶企业解决其全部质量问题", "assisted firms fix all their quality issues instead"))->excludes(gain);
  plan->add_flag("--screen", pl.screen, t("先列帮扶对象筛选清单（提升意愿达标、按提升潜力排序），方案只在入选企业中挑选",
                                          "first the screening list (willing firms ranked by potential); the plan picks only among them"));
  plan->add_option("--willingness", pl.willingness, t("与 --screen 同用：提升意愿至少为 strong（强）或 moderate（一般）",
                                                      "with --screen: the least willingness, strong or moderate"))
      ->check(CLI::IsMember({"strong", "moderate"}))
      ->capture_default_str();
  plan->add_option("--top", pl.top, t("筛选清单的行数", "rows of the screening list"))->capture_default_str()->check(CLI::Range(1, 1000000));
  plan->add_option("--json", pl.json_out, json_file);
  plan->add_option("--xlsx", pl.xlsx_out, xlsx_file);
  plan->add_flag("--record", pl.record, t("把方案选中的企业作为“计划”条目记入帮扶台账（PATH 须为工作区引用 FILE#CHAIN_ID）",
                                          "add the plan's picks to the ledger as planned entries (PATH must be a workspace reference FILE#CHAIN_ID)"));

  RenderArgs rd;
  auto* render = add_subcommand("render", t("用 Graphviz 绘制产业链图谱、问题图谱、链主鱼骨图或情景图",
                                                "draw the chain map, issue map, a leader's fishbone or a scenario map with Graphviz"));
  render->add_option("PATH", rd.path, chain_path)->required();
  render->add_option("--view", rd.view, t("map（产业链图谱）、overview（产业链总览，任意规模一张 A3）、issues（问题图谱）、fishbone（鱼骨图）、scenario（情景图）或 ecosystem（对策措施生态图，工作区中的产业链）",
                                          "map, overview (any size on one A3 page), issues, fishbone, scenario or ecosystem (the countermeasure ecosystem, a chain in a workspace)"))
      ->check(CLI::IsMember({"map", "overview", "issues", "fishbone", "scenario", "ecosystem"}))
      ->capture_default_str();
  render->add_option("--leader", rd.leader, t("鱼骨图：链主企业（默认：规模最大的）", "fishbone: the leader (default: the largest)"));
  render->add_option("--scenario", rd.scenario, t("情景图：情景文件", "scenario view: the scenario file"));
  render->add_option("--format", rd.format, t("svg、png、pdf、dot 或 json（默认：按输出文件的扩展名）",
                                              "svg, png, pdf, dot or json (default: from the output's extension)"))
      ->check(CLI::IsMember({"svg", "png", "pdf", "dot", "json"}));
  render->add_option("--color", rd.color, t("图谱：企业按一次合格率（yield）、计算出的等级（grade）或相对 --before 的变化（change）着色",
                                            "map: fill firms by first-pass yield, computed grade, or change since --before"))
      ->check(CLI::IsMember({"yield", "grade", "change"}))
      ->capture_default_str();
  render->add_option("--rubric", rd.rubric, t("与 --color grade 同用：分级规则文件（默认：内置规则）", "with --color grade: the rubric file (default: built in)"));
  render->add_option("--before", rd.before, t("与 --color change 同用：较早的快照", "with --color change: the earlier snapshot"));
  render->add_option("--max-nodes", rd.max_nodes, t("企业超过此数时图谱按环节汇总", "above this many firms the map is aggregated"))->capture_default_str();
  render->add_option("--focus", rd.focus, t("只画这家企业周边的关系", "draw only this firm's neighbourhood"));
  render->add_option("--segment", rd.segment, t("总览：展开这个环节（环节 id 或名称）", "overview: drill down into this segment (id or name)"));
  render->add_option("--depth", rd.depth, t("与 --focus 同用：距该企业的供应关系层数", "with --focus: links away from the firm"))->capture_default_str();
  render->add_option("-o,--output", rd.out, t("输出文件", "output file"))->required();

  ReportArgs rp;
  auto* report = add_subcommand("report", t("面向规划人员的 HTML 报告（report.html、report.json 和全部图的 SVG）；PATH 为工作区引用 FILE#CHAIN_ID 时另有帮扶台账和历次调查趋势",
                                                "the HTML report for planners (report.html, report.json and every diagram as SVG); with a workspace reference FILE#CHAIN_ID also the ledger (帮扶台账) and the trend over the snapshots"));
  report->add_option("PATH", rp.path, chain_path)->required();
  report->add_option("--scenario", rp.scenarios, t("要纳入的情景文件", "scenario files to include"));
  report->add_option("--plan", rp.plan, t("纳入帮扶这么多家企业的帮扶方案", "include an assistance plan of this many firms"))->capture_default_str();
  report->add_option("--before", rp.before, t("产业链较早的快照：增加前后对比的效果评价", "an earlier snapshot of the chain: adds the before/after evaluation (效果评价)"));
  report->add_option("--rubric", rp.rubric, t("企业分级规则（默认：内置规则）", "rubric for the firm grades (default: built in)"));
  report->add_option("--benchmark", rp.benchmark, t("参照水平文件：报告增加“与先进水平比对”一节", "reference levels: adds the section on advanced levels"));
  report->add_option("--max-nodes", rp.max_nodes, t("企业超过此数时图谱按环节汇总", "above this many firms the map is aggregated"))->capture_default_str();
  report->add_option("-o,--output", rp.out, t("输出文件夹", "output folder"))->required();
  report->add_option("--pdf", rp.pdf, t("另存 A4 的 PDF（用 Debian 的 chromium 无界面打印）", "also the report as an A4 PDF (printed by Debian's chromium, headless)"));
  report->add_option("--docx", rp.docx, t("另存可编辑的 Word 文档（表格为真表格、图为 PNG，用 Debian 的 pandoc）", "also the report as an editable Word document (real tables, diagrams as PNG; made by Debian's pandoc)"));

  CompareArgs cm;
  auto* compare = add_subcommand(
      "compare", t("同一产业链两个快照的前后对比（效果评价）：按 id 匹配企业，比较合格率、质量问题、认证和行动指标",
                   "before/after evaluation of two snapshots of one chain (效果评价): firms matched by id, yields, issues, certifications, programme indicators"));
  compare->add_option("BEFORE", cm.before, t("较早的快照（产业链文件或 CSV 文件夹）", "the earlier snapshot (chain file or CSV folder)"))->required();
  compare->add_option("AFTER", cm.after, t("较晚的快照", "the later snapshot"))->required();
  compare->add_option("--json", cm.json_out, json_file);
  compare->add_option("--xlsx", cm.xlsx_out, xlsx_file);
  compare->add_option("--top", cm.top, t("变化最大的企业列表的行数", "rows in the list of firms that changed most"))->capture_default_str();

  TrendArgs tn;
  auto* trend = add_subcommand(
      "trend", t("工作区中一条产业链历次快照的趋势：各期合格率、持证、质量问题、帮扶企业，以及每期变化和成效指标",
                 "the trend over every snapshot of one chain in a workspace: yields, certification, quality problems, firms assisted, and each step's change and programme indicators"));
  trend->add_option("CHAIN", tn.ref, t("工作区中的产业链（FILE#CHAIN_ID）", "a chain in a workspace (FILE#CHAIN_ID)"))->required();
  trend->add_option("--json", tn.json_out, json_file);
  trend->add_option("--xlsx", tn.xlsx_out, xlsx_file);

  GradeArgs gr;
  auto* grade = add_subcommand("grade", t("按分级规则把企业评为初创级 / 发展级 / 跨越级，附理由和下一步",
                                              "grade firms startup / developing / leaping (初创级/发展级/跨越级) by a rubric, with reasons and next steps"));
  grade->add_option("PATH", gr.path, chain_path)->required();
  grade->add_option("--rubric", gr.rubric, t("分级规则文件（qchain-rubric/1；默认：内置的 data/rubrics/default.json）",
                                             "rubric file (qchain-rubric/1; default: data/rubrics/default.json, built in)"));
  grade->add_option("--firm", gr.firm, t("同时列出这家企业的每项检查", "also show every check of this firm"));
  grade->add_option("--json", gr.json_out, json_file);
  grade->add_option("--xlsx", gr.xlsx_out, xlsx_file);
  grade->add_option("--top", gr.top, t("申报成熟度与评定不符的企业列表的行数", "rows in the list of firms whose declared maturity differs"))->capture_default_str();

  BenchmarkArgs bm;
  auto* benchmark = add_subcommand("benchmark", t("与国内、国际先进水平比对：各环节一次合格率、认证覆盖率、问题类别占比的差距，低于国内先进水平的企业",
                                                      "compare the chain with domestic and international advanced levels: per segment the gaps in "
                                                      "first-pass yield, certification coverage and issue categories; firms below the domestic level"));
  benchmark->add_option("PATH", bm.path, chain_path)->required();
  benchmark->add_option("--against", bm.against, t("参照水平文件（qchain-benchmark/1，示例见 data/benchmarks/）",
                                                   "reference levels (qchain-benchmark/1; examples in data/benchmarks/)"))->required();
  benchmark->add_option("--json", bm.json_out, json_file);
  benchmark->add_option("--xlsx", bm.xlsx_out, xlsx_file);
  benchmark->add_option("--top", bm.top, t("列表的行数", "rows in the lists"))->capture_default_str()->check(CLI::Range(1, 1000000));

  PortfolioArgs pf;
  auto* portfolio = add_subcommand("portfolio", t("多条产业链并列：规模、链主、短板环节、跨链共性问题、同时在多条链中的企业",
                                                      "several chains side by side: sizes, leaders, weak segments, problems shared across chains, firms in several chains"));
  portfolio->add_option("CHAIN", pf.paths, t("产业链文件或 CSV 文件夹（两个或更多）", "chain files or CSV folders (two or more)"))->required()->expected(2, -1);
  portfolio->add_option("--json", pf.json_out, json_file);
  portfolio->add_option("--xlsx", pf.xlsx_out, xlsx_file);
  portfolio->add_option("--top", pf.top, t("同时在多条链中的企业列表的行数", "rows in the table of firms in several chains"))->capture_default_str();
  portfolio->add_option("-o,--output", pf.out, t("写入 portfolio.html、portfolio.json 和 portfolio-map.svg 的文件夹",
                                                 "folder for portfolio.html, portfolio.json and portfolio-map.svg"));

  std::string format, out;
  auto* exp = add_subcommand("export", t("把产业链导出为其他格式", "write the chain in another form"));
  exp->add_option("PATH", path, chain_path)->required();
  exp->add_option("--format", format,
                  t("csv（文件夹：firms.csv、links.csv 等）、graphml、gexf（Gephi）、dot、json（规范化的 qchain-chain/1）、xlsx（填好的调查表）",
                    "csv (a folder: firms.csv, links.csv, ...), graphml, gexf (Gephi), dot, json (normalised qchain-chain/1), xlsx (a filled survey workbook)"))
      ->required()
      ->check(CLI::IsMember({"csv", "graphml", "gexf", "dot", "json", "xlsx"}));
  exp->add_option("-o,--output", out, t("输出文件（csv 为文件夹）", "output file (a folder for csv)"))->required();
  bool no_bom = false;
  exp->add_flag("--no-bom", no_bom, t("csv：文件开头不写 UTF-8 BOM（默认写入，以便 Excel 和 WPS 按 UTF-8 打开）",
                                      "csv: no UTF-8 byte-order mark at the start of each file (written by default so that Excel and WPS read UTF-8)"));

  std::string pack_out;
  auto* pack = add_subcommand("pack", t("把产业链写成二进制快照（.qcsr）：打开快、可用 mmap 映射，任何命令都可把它当作产业链读取",
                                        "write the chain as a binary snapshot (.qcsr): opened fast with mmap, read as a chain by every command"));
  pack->add_option("CHAIN", path, chain_path)->required();
  pack->add_option("-o,--output", pack_out, t("输出的快照文件（.qcsr）", "the snapshot file to write (.qcsr)"))->required();

  std::string template_out;
  auto* tmpl = add_subcommand("template", t("生成空白的质量状况调查表（.xlsx）：各工作表、中文表头、下拉选项和填写说明",
                                                "write the empty survey workbook (.xlsx): its sheets, headers, drop-downs and instructions"));
  tmpl->add_option("-o,--output", template_out, t("输出文件（.xlsx）", "output file (.xlsx)"))->required();

  WorkspaceArgs ws;
  auto* workspace = add_subcommand("workspace", t("工作区（一个 SQLite 文件，保存各产业链历年的快照）：init 新建，list 列出产业链和快照",
                                                    "the workspace (one SQLite file keeping every snapshot of a programme's chains): init creates one, list shows its chains and snapshots"));
  workspace->require_subcommand(1);
  auto* ws_init = workspace->add_subcommand("init", t("新建空的工作区", "create an empty workspace"));
  ws_init->add_option("FILE", ws.file, t("工作区文件", "the workspace file"))->required();
  auto* ws_list = workspace->add_subcommand("list", t("列出工作区中的产业链及其快照", "list the workspace's chains and their snapshots"));
  ws_list->add_option("FILE", ws.file, t("工作区文件", "the workspace file"))->required();
  ws_list->add_option("--json", ws.json_out, json_file);
  auto* import = add_subcommand("import", t("把产业链作为一个快照存入工作区（日期取 chain.as_of 或 --as-of）",
                                              "store a chain in the workspace as a snapshot (dated by chain.as_of or --as-of)"));
  import->add_option("FILE", ws.file, t("工作区文件", "the workspace file"))->required();
  import->add_option("CHAIN_PATH", ws.chain, t("产业链文件（JSON 或 .xlsx 调查表）或 CSV 文件夹", "chain file (JSON or .xlsx survey workbook) or CSV folder"))->required();
  import->add_option("--as-of", ws.as_of, t("快照日期（YYYY-MM-DD），产业链未写 chain.as_of 时使用", "the snapshot's date (YYYY-MM-DD) when the chain gives no chain.as_of"));
  import->add_flag("--replace", ws.replace, t("替换同一产业链同一日期的已有快照", "replace an existing snapshot of the same chain and date"));

  LedgerArgs lg;
  auto* ledger = add_subcommand("ledger", t("帮扶台账：add 登记帮扶，list 列出，show 查看一条及其变更记录，update 修改（每次修改都留有记录）",
                                              "the assistance ledger (帮扶台账): add an entry, list them, show one with its history, update one (every change is kept)"));
  ledger->add_option("REF", lg.ref, t("工作区中的产业链（FILE#CHAIN_ID）", "the chain in a workspace (FILE#CHAIN_ID)"))->required();
  ledger->require_subcommand(1);
  // A subcommand of `ledger` or `project`, its help flag worded in the reader's language.
  const auto record_sub = [&](CLI::App* parent, const char* name, const std::string& description) {
    CLI::App* sub = parent->add_subcommand(name, description);
    sub->set_help_flag("-h,--help", t("显示帮助并退出", "Print this help message and exit"));
    return sub;
  };
  // The dates and the status of a ledger entry or a project.
  const auto dates_and_status = [&](CLI::App* sub, std::string& planned_start, std::string& start, std::string& end, std::string& status) {
    sub->add_option("--planned-start", planned_start, t("计划开始日期（YYYY-MM-DD）", "planned start (YYYY-MM-DD)"));
    sub->add_option("--start", start, t("开始日期（YYYY-MM-DD）", "start (YYYY-MM-DD)"));
    sub->add_option("--end", end, t("结束日期（YYYY-MM-DD，不早于开始日期）", "end (YYYY-MM-DD, not before the start)"));
    sub->add_option("--status", status, t("状态：planned（计划）、in_progress（进行中）、done（完成）、dropped（放弃）",
                                          "status: planned, in_progress, done, dropped (or 计划, 进行中, 完成, 放弃)"));
  };
  const auto ledger_sub = [&](const char* name, const std::string& description) { return record_sub(ledger, name, description); };
  const auto entry_options = [&](CLI::App* sub) {
    sub->add_option("--firm", lg.firm, t("受帮扶企业的 id（须在产业链最新快照中）", "the assisted firm's id (in the chain's latest snapshot)"));
    sub->add_option("--provider", lg.provider, t("服务机构名称（新机构须给出 --provider-kind）", "the provider's name (a new one needs --provider-kind)"));
    sub->add_option("--provider-kind", lg.provider_kind,
                    t("服务机构类型：certification_body（认证机构）、testing_lab（检测机构）、expert（专家）、association（行业协会）、bank（银行）",
                      "the provider's kind: certification_body, testing_lab, expert, association, bank (or 认证机构, 检测机构, 专家, 协会, 银行)"));
    sub->add_option("--region", lg.region, t("服务机构所在地区", "the provider's region"));
    sub->add_option("--issue", lg.issues, t("针对的质量问题代码（可多次给出；须在产业链的问题目录中）",
                                            "an issue code targeted (repeatable; in the chain's issue catalogue)"));
    sub->add_option("--measure", lg.measures, t("帮扶措施（可多次给出，按顺序）", "a measure (repeatable, in order)"));
    dates_and_status(sub, lg.planned_start, lg.start, lg.end, lg.status);
    sub->add_option("--cost", lg.cost, t("费用（万元，不小于 0）", "cost in 10k CNY (万元), at least 0"));
    sub->add_option("--funding", lg.funding, t("资金来源，例如 财政补贴、认证贷、企业自筹", "the source of the money, e.g. 财政补贴, 认证贷, the firm itself"));
    sub->add_option("--outcome", lg.outcome, t("帮扶成效", "the outcome"));
  };
  auto* lg_add = ledger_sub("add", t("登记一条帮扶", "add an entry"));
  entry_options(lg_add);
  auto* lg_list = ledger_sub("list", t("列出台账条目", "list the entries"));
  lg_list->add_option("--status", lg.status, t("只列出这一状态的条目", "only entries of this status"));
  lg_list->add_option("--firm", lg.firm, t("只列出这家企业的条目", "only this firm's entries"));
  lg_list->add_option("--provider", lg.provider, t("只列出这家服务机构的条目", "only this provider's entries"));
  lg_list->add_option("--json", lg.json_out, json_file);
  auto* lg_show = ledger_sub("show", t("查看一条及其帮扶前后的一次合格率和变更记录", "show an entry with the yields before and after and its history"));
  lg_show->add_option("ENTRY_ID", lg.entry, t("条目编号", "the entry's id"))->required();
  lg_show->add_option("--json", lg.json_out, json_file);
  auto* lg_update = ledger_sub("update", t("修改一条：只改给出的字段（空值清除该字段），每个改动的字段记一行变更记录",
                                            "change an entry: only the fields given (an empty value clears one), each changed field one history row"));
  lg_update->add_option("ENTRY_ID", lg.entry, t("条目编号", "the entry's id"))->required();
  entry_options(lg_update);

  ProjectArgs pj;
  auto* project = add_subcommand("project", t("质量攻关项目（链主牵头）：add 登记项目，list 列出，show 查看一个及其进展和变更记录，update 修改（每次修改都留有记录）",
                                                "joint tackling projects (质量攻关项目, led by a chain leader): add one, list them, show one with its progress and history, update one (every change is kept)"));
  project->add_option("REF", pj.ref, t("工作区中的产业链（FILE#CHAIN_ID）", "the chain in a workspace (FILE#CHAIN_ID)"))->required();
  project->require_subcommand(1);
  const auto project_sub = [&](const char* name, const std::string& description) { return record_sub(project, name, description); };
  const auto project_options = [&](CLI::App* sub) {
    sub->add_option("--issue", pj.issue, t("攻关的共性质量问题代码（须在产业链的问题目录中）", "the shared issue's code (in the chain's issue catalogue)"));
    sub->add_option("--leader", pj.leader, t("牵头企业的 id（须为最新快照中的链主或大型企业）", "the leading firm's id (a chain_leader or large firm of the latest snapshot)"));
    sub->add_option("--firm", pj.firms, t("参与企业的 id（可多次给出）；不列出时进展按全部企业计", "a participating firm's id (repeatable); none listed: progress counts every firm"));
    sub->add_option("--provider", pj.providers, t("参与的服务机构名称（可多次给出；新机构须给出 --provider-kind）",
                                                  "a participating provider's name (repeatable; a new one needs --provider-kind)"));
    sub->add_option("--provider-kind", pj.provider_kinds,
                    t("服务机构类型，每个 --provider 一个、按相同顺序（已登记的机构可写 \"\"）：certification_body、testing_lab、expert、association、bank",
                      "the provider's kind, one per --provider in the same order (\"\" for a known one): certification_body, testing_lab, expert, association, bank"));
    sub->add_option("--region", pj.regions, t("服务机构所在地区，每个 --provider 一个、按相同顺序", "the provider's region, one per --provider in the same order"));
    sub->add_option("--target-loss-reduction", pj.target_loss, t("目标：该问题造成的合格率损失降低的比例（0 到 1，0.5 即减半）",
                                                                 "target: the fraction of the issue's yield loss removed (above 0, at most 1; 0.5 halves it)"));
    sub->add_option("--target-firms-cleared", pj.target_firms, t("目标：消除该问题的企业数", "target: the number of firms cleared of the issue"));
    sub->add_option("--title", pj.title, t("项目名称", "the project's title"));
    dates_and_status(sub, pj.planned_start, pj.start, pj.end, pj.status);
  };
  auto* pj_add = project_sub("add", t("登记一个攻关项目", "add a project"));
  project_options(pj_add);
  auto* pj_list = project_sub("list", t("列出攻关项目", "list the projects"));
  pj_list->add_option("--status", pj.status, t("只列出这一状态的项目", "only projects of this status"));
  pj_list->add_option("--issue", pj.issue, t("只列出针对这一问题的项目", "only projects on this issue"));
  pj_list->add_option("--json", pj.json_out, json_file);
  auto* pj_show = project_sub("show", t("查看一个项目、其相对目标的进展和变更记录", "show a project, its progress against the target and its history"));
  pj_show->add_option("PROJECT_ID", pj.project, t("项目编号", "the project's id"))->required();
  pj_show->add_option("--json", pj.json_out, json_file);
  auto* pj_update = project_sub("update", t("修改一个项目：只改给出的字段（空值清除该字段），每个改动的字段记一行变更记录",
                                             "change a project: only the fields given (an empty value clears one), each changed field one history row"));
  pj_update->add_option("PROJECT_ID", pj.project, t("项目编号", "the project's id"))->required();
  project_options(pj_update);

  ServeArgs sv;
  auto* serve = add_subcommand("serve", t("把工作区作为网络服务提供给规划人员（浏览器和 /api/v1/ 接口），见 docs/server.md",
                                            "serve the workspace to planners over HTTP (the browser workbench and the /api/v1/ API), see docs/server.md"));
  serve->add_option("FILE", sv.file, t("工作区文件", "the workspace file"))->required();
  serve->add_option("--listen", sv.listen, t("监听地址 HOST:PORT（端口 0：自动选一个空闲端口并打印）", "address HOST:PORT (port 0: a free port, printed)"))
      ->capture_default_str();
  serve->add_option("--threads", sv.threads, t("线程数（默认：CPU 核数）", "threads (default: one per core)"));
  serve->add_option("--import-limit", sv.import_limit, t("导入（POST /api/v1/chains）请求体的字节上限", "byte limit of an import body (POST /api/v1/chains)"))
      ->capture_default_str();
  serve->add_option("--body-limit", sv.body_limit, t("其他请求体的字节上限", "byte limit of any other request body"))->capture_default_str();
  serve->add_option("--tls-cert", sv.tls_cert, t("TLS 证书（PEM）：启用 HTTPS", "TLS certificate (PEM): serve HTTPS"));
  serve->add_option("--tls-key", sv.tls_key, t("TLS 私钥（PEM）", "TLS private key (PEM)"));

  UserArgs us;
  auto* user = add_subcommand("user", t("服务的账户（保存在工作区中）：add 新增，passwd 改密码，remove 删除，list 列出；密码从标准输入读取一行",
                                          "the server's accounts (kept in the workspace): add, passwd, remove, list; the password is one line read from standard input"));
  user->require_subcommand(1);
  user->add_option("FILE", us.file, t("工作区文件", "the workspace file"))->required();
  auto* us_add = user->add_subcommand("add", t("新增账户", "add an account"));
  us_add->add_option("NAME", us.name, t("用户名", "the user name"))->required();
  us_add->add_option("--role", us.role, t("角色：admin 管理员，planner 规划人员，viewer 只读", "role: admin, planner or viewer"))
      ->required()
      ->check(CLI::IsMember({"admin", "planner", "viewer"}));
  us_add->add_option("--region", us.regions, t("规划人员可修改的地区（chain.region），可重复", "a region whose chains a planner may change (chain.region); repeatable"));
  auto* us_passwd = user->add_subcommand("passwd", t("更改账户密码", "change an account's password"));
  us_passwd->add_option("NAME", us.name, t("用户名", "the user name"))->required();
  auto* us_remove = user->add_subcommand("remove", t("删除账户", "remove an account"));
  us_remove->add_option("NAME", us.name, t("用户名", "the user name"))->required();
  auto* us_list = user->add_subcommand("list", t("列出账户", "list the accounts"));

  std::string help_topic;
  auto* help = add_subcommand("help", t("显示某个命令的帮助", "show help for a command"));
  help->add_option("COMMAND", help_topic, t("命令", "the command"));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kOk : kInvalidInput;
  }
  common.lang = lang == "en" ? Lang::en : Lang::zh;
  const Lang l = common.lang;

  try {
    if (*check) return run_check(common, path);
    if (*summary) return run_summary(common, path, json_out, xlsx_out);
    if (*exp) return run_export(common, path, format, out, !no_bom);
    if (*tmpl) return run_template(common, template_out);
    if (*pack) return run_pack(common, path, pack_out);
    if (*analyze) return run_analyze(common, an);
    if (*whatif) return run_whatif(common, wi);
    if (*risk) return run_risk(common, ri);
    if (*plan) return run_plan(common, pl);
    if (*render) return run_render(common, rd);
    if (*report) return run_report(common, rp);
    if (*compare) return run_compare(common, cm);
    if (*trend) return run_trend(common, tn);
    if (*grade) return run_grade(common, gr);
    if (*benchmark) return run_benchmark(common, bm);
    if (*portfolio) return run_portfolio(common, pf);
    if (*ws_init) return run_workspace_init(common, ws);
    if (*ws_list) return run_workspace_list(common, ws);
    if (*import) return run_import(common, ws);
    if (*serve) return run_serve(common, sv);
    if (*us_add) return run_user_add(common, us);
    if (*us_passwd) return run_user_passwd(common, us);
    if (*us_remove) return run_user_remove(common, us);
    if (*us_list) return run_user_list(common, us);
    if (*ledger) {
      for (const CLI::Option* o : lg_update->get_options())
        if (o->count() > 0 && o->get_name().rfind("--", 0) == 0) lg.given.push_back(o->get_name());
      if (*lg_add) return run_ledger_add(common, lg);
      if (*lg_list) return run_ledger_list(common, lg);
      if (*lg_show) return run_ledger_show(common, lg);
      if (*lg_update) return run_ledger_update(common, lg);
    }
    if (*project) {
      for (CLI::App* sub : {pj_add, pj_update})
        for (const CLI::Option* o : sub->get_options())
          if (o->count() > 0 && o->get_name().rfind("--", 0) == 0) pj.given.push_back(o->get_name());
      if (*pj_add) return run_project_add(common, pj);
      if (*pj_list) return run_project_list(common, pj);
      if (*pj_show) return run_project_show(common, pj);
      if (*pj_update) return run_project_update(common, pj);
    }
    if (*help || app.get_subcommands().empty()) {
      if (help_topic.empty()) {
        std::cout << app.get_formatter()->make_help(&app, "qchain", CLI::AppFormatMode::Normal);
        return kOk;
      }
      for (CLI::App* sub : app.get_subcommands({})) {
        if (sub->get_name() == help_topic) {
          std::cout << sub->help("qchain");
          return kOk;
        }
      }
      std::cerr << "qchain: " << localise_message("unknown command \"" + help_topic + "\"; `qchain help` lists them", l) << '\n';
      return kInvalidInput;
    }
  } catch (const qchain::InputError& e) {
    for (const auto& d : e.diagnostics()) std::cerr << qchain::report::localise_diagnostic(d, l) << '\n';
    return kInvalidInput;
  } catch (const qchain::UsageError& e) {
    std::cerr << "qchain: " << localise_message(e.what(), l) << '\n';
    return kInvalidInput;
  } catch (const qchain::visualization::RenderError& e) {
    std::cerr << "qchain: " << localise_message(e.what(), l) << '\n';
    return kInternal;
  } catch (const qchain::IoError& e) {
    std::cerr << "qchain: " << localise_message(e.what(), l) << '\n';
    return kIoFailure;
  } catch (const std::bad_alloc&) {
    std::cerr << "qchain: " << localise_message("out of memory", l) << '\n';
    return kInternal;
  } catch (const std::exception& e) {
    std::cerr << "qchain: " << localise_message(std::string("internal error: ") + e.what(), l) << '\n';
    return kInternal;
  }
  return kOk;
}
