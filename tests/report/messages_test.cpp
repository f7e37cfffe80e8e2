// The message catalogue: the pattern matcher, and that every message the loaders (JSON, CSV and
// workbooks), the scenario and rubric readers, the writers, the renderer and the commands compose
// has a Chinese text: a test of every layer's messages, so these tests link every library.
#include "qchain/engine/io/scenario_reader.hpp"
#include "qchain/engine/io/rubric_reader.hpp"
#include "qchain/report/messages.hpp"

#include <filesystem>
#include <fstream>
#include <functional>

#include "../support/test_support.hpp"
#include "../support/workbooks.hpp"
#include "qchain/engine/programme/chain_comparison.hpp"
#include "qchain/engine/programme/firm_grading.hpp"
#include "qchain/engine/programme/portfolio.hpp"
#include "qchain/engine/scenario/scenario.hpp"
#include "qchain/core/atomic_file.hpp"
#include "qchain/core/text_encoding.hpp"
#include "qchain/graphs/chain_csv_writer.hpp"
#include "qchain/graphs/chain_xlsx_writer.hpp"
#include "qchain/graphs/xlsx_writer.hpp"
#include "qchain/visualization/diagram.hpp"
#include "qchain/visualization/graphviz_renderer.hpp"

namespace {

using namespace qchain;
using namespace qchain::engine;
using namespace qchain::report;

using test::has_cjk;

// Every message is matched by the catalogue and its Chinese text is Chinese.
::testing::AssertionResult translated(const std::string& english) {
  const LocalisedMessage m = localise(english, Lang::zh);
  if (!m.matched) return ::testing::AssertionFailure() << "no catalogue entry matches: " << english;
  if (!has_cjk(m.text)) return ::testing::AssertionFailure() << "not Chinese: " << m.text << " (from " << english << ")";
  return ::testing::AssertionSuccess();
}

void expect_all_translated(const std::vector<Diagnostic>& ds, std::size_t at_least = 1) {
  std::vector<std::string> all;
  for (const Diagnostic& d : ds) all.push_back(format_diagnostic(d));
  EXPECT_GE(ds.size(), at_least) << ::testing::PrintToString(all);
  for (const Diagnostic& d : ds) EXPECT_TRUE(translated(d.message)) << format_diagnostic(d);
}

TEST(Messages, CatalogueIsSound) {
  EXPECT_EQ(catalogue_problems(message_catalogue()), std::vector<std::string>{});
  for (const MessagePattern& p : message_catalogue()) EXPECT_TRUE(has_cjk(std::string(p.zh))) << p.en;
  // The checker itself finds what it should.
  const std::vector<MessagePattern> bad = {{"{}{}", "{}{}"}, {"x {} y", "无"}, {"a {} b", "{} {}"}, {"c {}", "{3}"}, {"c {}", "{}"}};
  EXPECT_EQ(catalogue_problems(bad).size(), 7u) << ::testing::PrintToString(catalogue_problems(bad));
}

TEST(Messages, OnePlaceholder) {
  const LocalisedMessage m = localise("unknown firm \"F9999\"", Lang::zh);
  EXPECT_TRUE(m.matched);
  EXPECT_EQ(m.text, "未知企业 \"F9999\"");
  EXPECT_EQ(localise_message("must be between 0 and 1, got 1.5", Lang::zh), "必须在 0 到 1 之间，实际为 1.5");
}

TEST(Messages, SeveralPlaceholdersInAnotherOrder) {
  // The Chinese names the firm before the input: {1} before {0}.
  EXPECT_EQ(localise_message("shares of input \"wire\" into \"L\" add up to 1.2, more than 1", Lang::zh),
            "企业 \"L\" 的投入品 \"wire\" 各来源份额合计 1.2，超过 1");
  // A message composed from parts, the location of the first occurrence among them.
  EXPECT_EQ(localise_message("duplicate firm id \"A\" (first at firms[0])", Lang::zh), "企业 id \"A\" 重复（首次出现在 firms[0]）");
}

TEST(Messages, CapturesAreAsShortAsTheRestAllows) {
  // A path with ": " in it: the first capture grows until the rest of the pattern matches.
  EXPECT_EQ(localise_message("a: b.json: cannot open: Permission denied", Lang::zh), "a: b.json: 无法打开（权限不足）");
  // Quoted values pass through unchanged, whatever they hold.
  EXPECT_EQ(localise_message("unknown role \"a (b)\" (expected chain_leader, large, medium, small or micro)", Lang::zh).rfind("未知角色 \"a (b)\"（", 0),
            0u);
}

TEST(Messages, NestedMessagesAreLookedUpToo) {
  const LocalisedMessage json = localise("malformed JSON: Missing a comma or '}' after an object member", Lang::zh);
  EXPECT_TRUE(json.matched);
  EXPECT_EQ(json.text, "JSON 格式错误：对象成员后缺少逗号或 '}'");
  // The scenario reader keeps RapidJSON's full stop; the chain loader drops it.
  EXPECT_EQ(localise_message("malformed JSON: The document is empty.", Lang::zh), "JSON 格式错误：文档为空");
  EXPECT_EQ(localise_message("expected a number, got a string", Lang::zh), "应为数值，实际为字符串");
  // An inner message the catalogue lacks: the outer one is translated, the inner kept, and the
  // whole is reported as not matched.
  const LocalisedMessage partial = localise("x.json: cannot open: Some new errno text", Lang::zh);
  EXPECT_FALSE(partial.matched);
  EXPECT_EQ(partial.text, "x.json: 无法打开（Some new errno text）");
}

// Parts a loader may add to any message: the record it is about, where a duplicate was first seen;
// and the wording of the CSV header folding, scheme spelling and detection checks.
TEST(Messages, SuffixesAndTheirMessagesTranslateTogether) {
  EXPECT_EQ(localise_message("unknown role \"giant\" (expected chain_leader, large, medium, small or micro) [firm \"A\" (甲)]", Lang::zh),
            "未知角色 \"giant\"（应为 chain_leader、large、medium、small 或 micro，即链主、大型、中型、小型、微型企业） [企业 \"A\" (甲)]");
  EXPECT_EQ(localise_message("must not be empty [link \"A\" -> \"L\"]", Lang::zh), "不能为空 [供应关系 \"A\" -> \"L\"]");
  EXPECT_EQ(localise_message("duplicate firm id \"A\" (甲) (first at line 3)", Lang::zh), "企业 id \"A\" (甲) 重复（首次出现在第 3 行）");
  for (const char* s : {
           "duplicate segment id \"up\" (first at segments[0])",
           "duplicate issue code \"I1\" (first at line 2)",
           "expected a number, got \"zero point nine\" [firm \"A\" (甲)]",
           "shares of input \"wire\" into \"L\" (链主) add up to 0.6, less than 1: the other 0.4 is taken to come from sources outside the chain",
           "certification scheme \"iso 9001\" read as \"ISO9001\" (the spelling first used; case, spaces and hyphens do not make another scheme)",
           "column header read as first_pass_yield",
           "unknown column (ignored) (did you mean role?)",
           "unknown column, and first_pass_yield, which every analysis needs, is missing (did you mean first_pass_yield?)",
           "unknown column, and first_pass_yield, which every analysis needs, is missing",
           "number out of range: \"1e999\"",
           "number out of range",
           "firm \"A\" (甲) does not hold ISO9001 (no certificate, or one expired or still in progress)",
           "out.svg: refusing to overwrite the input out.svg",
           "x/firms.csv: refusing to write over a file of the input chain folder x",
           "plan: the chain has no chain_leader, and the plan's goal is the leaders' delivered yield; mark the chain-leader firms with role chain_leader",
           "quality analysis: the detection range must satisfy 0 <= low <= high <= 1",
           "defect propagation: one detection per firm expected",
           "--format png contradicts the output's extension: map.svg (use --format svg or another file name)"})
    EXPECT_TRUE(translated(s));
}

TEST(Messages, NoMatchPassesTheEnglishThrough) {
  for (const char* s : {"a message nobody wrote", "", "unknown firm", "must be between 0 and 1"}) {
    const LocalisedMessage m = localise(s, Lang::zh);
    EXPECT_FALSE(m.matched) << s;
    EXPECT_EQ(m.text, s);
    EXPECT_EQ(localise_message(s, Lang::zh), s);
  }
}

TEST(Messages, EnglishIsTheIdItself) {
  const LocalisedMessage m = localise("unknown firm \"F1\"", Lang::en);
  EXPECT_TRUE(m.matched);  // a Chinese text exists
  EXPECT_EQ(m.text, "unknown firm \"F1\"");
  EXPECT_EQ(localise_message("unknown segment \"x\"", Lang::en), "unknown segment \"x\"");
}

TEST(Messages, OwnTables) {
  const std::vector<MessagePattern> table = {{"{} before {}", "{1} 在 {0} 之后"}, {"set {{{}}", "集合 {{{}}"},
                                             {"wrap: {m}", "包装：{}"}, {"inner", "内层"}};
  EXPECT_EQ(localise_with(table, "a before b", Lang::zh).text, "b 在 a 之后");
  EXPECT_EQ(localise_with(table, "set {1,2}", Lang::zh).text, "集合 {1,2}");
  EXPECT_EQ(localise_with(table, "wrap: inner", Lang::zh).text, "包装：内层");
  EXPECT_TRUE(localise_with(table, "wrap: inner", Lang::zh).matched);
  EXPECT_FALSE(localise_with(table, "wrap: outer", Lang::zh).matched);
  EXPECT_FALSE(localise_with(table, "set 1,2", Lang::zh).matched);
  // A full match wins over an earlier partial one.
  const std::vector<MessagePattern> order = {{"x: {m}", "甲：{}"}, {"x: {}", "乙：{}"}};
  EXPECT_EQ(localise_with(order, "x: y", Lang::zh).text, "乙：y");
}

TEST(Messages, DiagnosticLayout) {
  const Diagnostic e{Severity::error, "c.json", 63, 4, "links[2].supplier", "unknown firm \"F9999\""};
  EXPECT_EQ(localise_diagnostic(e, Lang::en), format_diagnostic(e));
  EXPECT_EQ(localise_diagnostic(e, Lang::zh), "c.json:63:4: links[2].supplier: 未知企业 \"F9999\"");
  const Diagnostic w{Severity::warning, "c.json", 51, 4, "firms[3].id", "firm \"Z\" has no supply links"};
  EXPECT_EQ(localise_diagnostic(w, Lang::en), format_diagnostic(w));
  EXPECT_EQ(localise_diagnostic(w, Lang::zh), "c.json:51:4: 警告: firms[3].id: 企业 \"Z\" 没有任何供应关系");
  const Diagnostic csv{Severity::error, "x/links.csv", 0, 0, "", "required file is missing"};
  EXPECT_EQ(localise_diagnostic(csv, Lang::zh), "x/links.csv: 缺少必需的文件");
}

// Chains that break the rules the bad-input corpus does not reach.
TEST(Messages, EveryJsonLoaderMessageBeyondTheCorpus) {
  const std::string head = R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "C", "as_of": "2025-06-30"},
    "segments": [{"id": "s", "name": "S", "order": 0}],
    "issues": [{"code": "I1", "name": "i", "category": "method"}, {"code": "I1", "name": "j", "category": "man"}], )";
  const std::string texts[] = {
      head + R"("firms": [{"id": "A", "name": "a", "role": "chain_leader", "maturity": "expert", "segment": "s",
        "certifications": [{"scheme": "ISO9001", "status": "valid"}, {"scheme": "ISO9001", "status": "valid"}, {"scheme": "", "status": "valid"},
                           {"scheme": "CCC"}, {"scheme": "X", "status": "expired", "expires": "soon"}],
        "issues": [{"code": "I1", "severity": 2}, {"code": "I1", "severity": 3}, {"code": "I1"}, {"code": "I1", "severity": 2.5}]},
       {"id": "B", "name": "", "role": "micro", "revenue": -1, "certifications": [{"scheme": "Y", "status": "expired"}]}],
      "links": [{"supplier": "B", "customer": "A", "requires": [""]}]})",
      "{\"format\": \"qchain-chain/1\", \"chain\": {\"id\": \"c\", \"name\": \"C\"}, \"firms\": [{\"id\": \"A\", \"name\": \"a\", "
      "\"role\": \"micro\", \"\xff\": 1}, {\"id\": \"B\", \"name\": \"b\"}], \"links\": []}",
      R"({"format": "qchain-chain/1", "firms": []})",
      R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "C"}, "firms": [{"id": "A", "name": "a", "role": "micro", "employees": true}], "links": [5]})",
  };
  for (const std::string& t : texts) {
    const graphs::ChainLoad load = graphs::load_chain_json_text(t, "t.json");
    expect_all_translated(load.diagnostics, 2);
  }
}

TEST(Messages, EveryCsvLoaderMessageBeyondTheCorpus) {
  const auto write = [](const test::TempDir& dir, const std::string& name, const std::string& text) {
    std::ofstream(dir.file(name), std::ios::binary) << text;
  };
  test::TempDir files;  // problems with whole files and headers
  write(files, "chain.csv", "id,name\nc,C\nd,D\n");
  write(files, "segments.csv", "");
  write(files, "firms.csv", "id,name,role,role,colour\n");
  write(files, "links.csv", "supplier,customer\n");
  std::filesystem::create_directory(files.file("issues.csv"));
  expect_all_translated(graphs::load_chain(files.path()).diagnostics, 5);
  test::TempDir rows;  // problems within rows
  write(rows, "firms.csv",
        "id,name,role,certifications,issues\n"
        "A,a,micro,ISO9001:valid:2026-01-01:x,I1:bad;I2:1:2\n"
        "B,b,micro,,,extra\n");
  write(rows, "links.csv", "supplier,customer,essential\nA,B,perhaps\n");
  expect_all_translated(graphs::load_chain(rows.path()).diagnostics, 5);
}

TEST(Messages, EveryScenarioMessage) {
  const graphs::ChainGraph g = test::load_text(R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "C"},
    "segments": [{"id": "s", "name": "S", "order": 0}], "issues": [{"code": "I1", "name": "i", "category": "method"}],
    "firms": [{"id": "A", "name": "a", "role": "chain_leader", "segment": "s"}], "links": []})");
  const std::string bad[] = {
      R"({"format": "qchain-scenario/1", "upstream": 1, "name": 2, "events": [
        {"type": "stop", "firms": ["NOPE", 3]}, {"type": "stop", "firms": []},
        {"type": "decertify", "firm": "A", "scheme": "CCC"},
        {"type": "spread_issue", "code": "XX", "segment": "zz", "severity": 2.5},
        {"type": "set_yield", "firms": ["A"], "segment": "s"}, {"type": "set_yield", "firms": ["A"]},
        {"type": "set_yield", "firms": ["A"], "value": 2},
        {"type": "fix_issue", "code": "I1", "segment": "s", "firms": ["A"]},
        {"type": "explode"}, 7, {"type": "perturb", "firm": "A"}]})",
      R"({"format": "qchain-scenario/2", "events": {}})",
      R"([1])",
      R"({"format": "qchain-scenario/1", "events": [)",
      "{\"format\": \"qchain-scenario/1\", \"name\": \"\xff\", \"events\": []}",
  };
  for (const std::string& t : bad) {
    try {
      parse_scenario(t, "s.json", g);
      ADD_FAILURE() << "no error for " << t;
    } catch (const InputError& e) {
      expect_all_translated(e.diagnostics());
    }
  }
}

TEST(Messages, EveryRubricMessage) {
  const std::string bad[] = {
      R"({"format": "qchain-rubric/1", "extra": 1, "grades": {"developing": {"min_first_pass_yield": "high", "max_severty": 3,
         "min_certifications": 1.5, "required_schemes": "ISO9001", "in_progress_counts_if_assisted": 1},
         "leaping": {"required_schemes": [""]}, "expert": {}}})",
      R"({"format": "qchain-rubric/1", "grades": [], "name": 5})",
      R"({"format": "qchain-rubric/1", "grades": {"developing": 3, "leaping": {}, "leaping": {}}})",
      R"({"format": "qchain-rubric/1"})",
  };
  for (const std::string& t : bad) {
    try {
      parse_rubric(t, "r.json");
      ADD_FAILURE() << "no error for " << t;
    } catch (const InputError& e) {
      expect_all_translated(e.diagnostics());
    }
  }
}

// Errors thrown as exceptions and printed as "qchain: <what()>".
TEST(Messages, EveryThrownMessageWeCanProvoke) {
  const auto what = [](const std::function<void()>& f) -> std::string {
    try {
      f();
    } catch (const std::exception& e) {
      return e.what();
    }
    return "(nothing thrown)";
  };
  test::TempDir dir;
  const graphs::ChainGraph a = test::load_text(R"({"format": "qchain-chain/1", "chain": {"id": "c", "name": "C", "as_of": "2025-01-01"},
    "firms": [{"id": "A", "name": "a", "role": "chain_leader", "certifications": [{"scheme": "A:B", "status": "valid"}]}], "links": []})");
  const graphs::ChainGraph b = test::load_text(R"({"format": "qchain-chain/1", "chain": {"id": "d", "name": "D", "as_of": "2024-01-01"},
    "issues": [{"code": "X;Y", "name": "x", "category": "man"}],
    "firms": [{"id": "A", "name": "a", "role": "chain_leader"}], "links": []})");
  const std::string messages[] = {
      what([] { graphs::load_chain("/nonexistent/chain.json"); }),
      what([] { graphs::load_chain_json("/nonexistent/chain.json"); }),
      what([] { graphs::load_chain_csv("/nonexistent"); }),
      what([&] { write_file_atomically(dir.path(), "x"); }),
      what([&] { write_file_atomically(dir.file("no/such/file"), "x"); }),
      what([&] {
        std::ofstream(dir.file("in.json")) << "{}";
        refuse_to_overwrite_input(dir.file("in.json"), dir.file("in.json"));
      }),
      what([&] { graphs::chain_to_csv(a); }),
      what([&] { graphs::chain_to_csv(b); }),
      what([&] { compare_chains(a, b); }),
      what([&] { compare_chains(b, a); }),
      what([&] { check_distinct_chains({&a, &a}); }),
      what([] { visualization::parse_format("bmp"); }),
      what([&] { load_scenario("/nonexistent/s.json", a); }),
      what([&] { a.leaders_or({7}, "leaders"); }),
      what([&] { graphs::write_chain_csv(test::load_text(R"({"format": "qchain-chain/1", "chain": {"id": "e", "name": "E"},
        "firms": [{"id": "A", "name": "a", "role": "chain_leader"}], "links": []})"), dir.file("in.json") + "/sub"); }),
      what([] {
        visualization::Diagram d;
        d.nodes.push_back({"a", "a", {}, "", ""});
        d.edges.push_back({"a", "b", {}});
        visualization::render(d, visualization::Format::dot);
      }),
  };
  for (std::size_t i = 0; i < std::size(messages); ++i) EXPECT_TRUE(translated(messages[i])) << "case " << i;
}

}  // namespace

namespace {

using namespace qchain::graphs;
using test::has_openpyxl;

const std::string& fixtures() { return test::workbook_fixtures(); }
void write(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

// Every message the new readers and writers give has its Chinese in the catalogue.
TEST(XlsxMessages, EveryNewMessageIsInTheCatalogue) {
  std::vector<Diagnostic> all;
  const auto add = [&](const ChainLoad& l) { all.insert(all.end(), l.diagnostics.begin(), l.diagnostics.end()); };
  test::TempDir dir;
  {
    XlsxWriter w(dir.file("odd.xlsx"));
    w.sheet("企业");  // a second sheet for firms follows; no links sheet
    w.text(0, 0, "id"), w.text(0, 1, "name"), w.text(0, 2, "role"), w.text(0, 3, "employees");
    w.text(1, 0, "A"), w.text(1, 1, "a"), w.text(1, 2, "micro"), w.text(1, 3, "5%");
    w.sheet("firms");
    w.sheet("产业链");  // empty
    w.sheet("其他");
    w.close();
  }
  add(load_chain(dir.file("odd.xlsx")));
  {
    XlsxWriter w(dir.file("two.xlsx"));
    w.sheet("chain");
    w.text(0, 0, "id"), w.text(0, 1, "name"), w.text(1, 0, "c"), w.text(1, 1, "C"), w.text(2, 0, "d"), w.text(2, 1, "D");
    w.sheet("firms"), w.text(0, 0, "id");
    w.sheet("links"), w.text(0, 0, "supplier");
    w.close();
  }
  add(load_chain(dir.file("two.xlsx")));
  write(dir.file("text.xlsx"), "PK not really a zip");
  add(load_chain(dir.file("text.xlsx")));
  std::filesystem::create_directories(dir.file("g"));
  write(dir.file("g/firms.csv"), "id,name,role\nA,\xBC\xD7,micro\n");
  write(dir.file("g/links.csv"), "supplier,customer\n");
  add(load_chain(dir.file("g")));
  LoadOptions utf16;
  utf16.encoding = "UTF-16BE";
  add(load_chain(dir.file("g"), utf16));
  if (has_openpyxl())
    for (const char* f : {"/mistakes.xlsx", "/bomb.xlsx", "/notzip.xlsx"}) add(load_chain(fixtures() + f));
  ASSERT_GT(all.size(), 10u);
  for (const Diagnostic& d : all) {
    EXPECT_TRUE(report::localise(d.message, report::Lang::zh).matched) << d.message;
  }
  // Thrown ones.
  const auto what = [](const std::function<void()>& f) -> std::string {
    try {
      f();
    } catch (const std::exception& e) {
      return e.what();
    }
    return "(nothing thrown)";
  };
  for (const std::string& m : {what([] { write_survey_template("-", true); }), what([] { decode_text("x", "NOPE"); })})
    EXPECT_TRUE(report::localise(m, report::Lang::zh).matched) << m;
}

}  // namespace
